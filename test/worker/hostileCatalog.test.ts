/**
 * Hostile catalog entries and copy, generated: markup, quotes, javascript: and
 * data: URLs, URLs a browser would take off-site, very long strings,
 * right-to-left and emoji text. Whatever the catalog holds, a block is the
 * template's markup with every value escaped (it reads back as the original
 * text, and adds no element or attribute), each link stays on http(s) and a
 * path stays on the shop, and the rest of the page is the origin's.
 */
import fc from "fast-check";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CardSchema } from "../../src/core/catalog/Catalog";
import { SHOP, get, originBytes, putCatalog, putRuleSet, rule, ruleset } from "../support/harness";

const PAGE = "/__test/fixture/slots";

const ITEM =
  /<li data-tact-item="([^"<>]*)"><a href="([^"<>]*)"><img src="([^"<>]*)" alt=""><span>([^"<>]*)<\/span> <b>([^"<>]*)<\/b><\/a><\/li>/g;
const BLOCK = new RegExp(
  `<section data-tact-rule="test-rule" class="picks"><h2>([^"<>]*)</h2><ul>((?:${ITEM.source})+)</ul></section>`,
);

/** Undoes the escaping tact applies (hono's: & < > " ', and every other character as a reference). */
const unescape = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");

/** Text as a page can carry it: a lone surrogate (a title cut inside an emoji) reads as U+FFFD. */
const wellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

const HOSTILE_TEXT = [
  '<script>alert("x")</script>',
  "</section></ul>",
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  "{{items}}",
  "{{title}}",
  "&amp;&lt;&#0;",
  "javascript:alert(1)",
  "\u202eevil\u202c",
  "\ud83d",
  "\udc00x",
  "שלום",
  "مرحبا",
  "😀👩‍👩‍👧‍👦🇮🇹",
  "e\u0301",
  "\u0000",
  "\r\n",
  "</b></a></li>",
  "<!--",
  "]]>",
];

const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength, unit: "grapheme" }),
    fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 8 })), { maxLength: 12 })
      .map((parts) => parts.join("")),
    fc.integer({ min: 250, max: 400 }).map((length) => "ù😀".repeat(length).slice(0, length)),
  );

/** Paths that a browser's URL parser turns into another host, or into no http(s) URL at all. */
const OFFSITE = [
  "//evil.example/x",
  "/\\evil.example/x",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/\r/evil.example/x",
  "/\u0000/x",
];

/** URLs: good paths and absolute URLs, and everything a browser might run or take elsewhere. */
const url = fc.oneof(
  fc.constantFrom("/products/p1", "/images/p1.svg", "https://cdn.example/p.svg", "HTTPS://CDN.EXAMPLE/P.SVG"),
  fc.constantFrom(
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r/evil.example/x",
    "/%2F/evil.example",
    'https://evil.example/"><script>',
    "http://",
    "https://a b",
    "ftp://example.com/x",
    "/" + "a".repeat(3000),
  ),
  fc.webUrl(),
  fc.string({ maxLength: 40 }).map((rest) => `/${rest}`),
  fc.string({ maxLength: 40 }),
);

/** A card that is valid but for its text, with up to two fields replaced by anything. */
const card = fc
  .tuple(
    fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/),
      title: text(300).filter((title) => title.length > 0 && title.length <= 300),
      url: fc.constantFrom("/products/p1", '/p?q=<b>&x="y"', "https://cdn.example/p?a=1&b='2'"),
      image: fc.constantFrom("/images/p1.svg", 'https://cdn.example/i.svg#"x"'),
      price: fc.double({ min: 0, max: 1e9, noNaN: true }),
      currency: fc.constantFrom("EUR", "USD", "JPY", "ZZZ"),
      category: fc.constantFrom("kitchen", "garden", "home"),
      inStock: fc.constant(true),
    }),
    fc.array(
      fc.oneof(
        fc.record({ title: text(400) }),
        fc.record({ url }),
        fc.record({ image: url }),
        fc.record({ url: fc.constantFrom(...OFFSITE) }),
        fc.record({ image: fc.constantFrom(...OFFSITE) }),
        fc.record({ id: fc.string({ maxLength: 70 }) }),
        fc.record({ price: fc.oneof(fc.double(), fc.constantFrom(-1, "12", null)) }),
        fc.record({ currency: fc.string({ maxLength: 4 }) }),
        fc.record({ category: fc.constantFrom("Bad Slug", "", "x".repeat(70)) }),
        fc.record({ inStock: fc.boolean() }),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([base, overrides]) => Object.assign({}, base, ...overrides) as Record<string, unknown>);

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hostile catalog entries", () => {
  it("are escaped into the template or left out, and never run or lead off the shop", async () => {
    const original = new TextDecoder().decode(await originBytes(PAGE));
    await putRuleSet(
      ruleset([rule({ strategies: ["popular"], count: 8, maxPerCategory: 8 })], {
        settings: { languages: ["it", "en"], slotDeadlineMs: 2000, learningWaitMs: 200 },
      }),
    );
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(card, { minLength: 2, maxLength: 8, selector: (c) => c["id"] }),
        async (cards) => {
          await putCatalog({ popular: { items: cards } });
          const response = await get(PAGE);
          expect(response.status).toBe(200);
          const html = await response.text();

          const valid = new Map(
            cards.flatMap((c) => {
              const parsed = v.safeParse(CardSchema, c);
              return parsed.success && parsed.output.inStock ? [[parsed.output.id, parsed.output] as const] : [];
            }),
          );
          const start = html.indexOf("<section data-tact-rule=");
          if (start < 0) {
            // Nothing shown (too few good cards, or tact missed its start deadline): the origin's page.
            expect(html).toBe(original);
            return;
          }
          const block = BLOCK.exec(html.slice(start));
          expect(block?.index).toBe(0);
          const whole = block![0];
          expect(html.slice(0, start) + html.slice(start + whole.length)).toBe(original);
          shown += 1;

          for (const [, id, href, src, title] of whole.matchAll(ITEM)) {
            const source = valid.get(unescape(id!));
            expect(source).toBeDefined();
            expect(unescape(title!)).toBe(wellFormed(source!.title));
            expect(unescape(href!)).toBe(source!.url);
            expect(unescape(src!)).toBe(source!.image);
            for (const link of [unescape(href!), unescape(src!)]) {
              // Resolved the way a browser resolves it (tabs and newlines dropped, backslashes as slashes).
              const resolved = new URL(link, SHOP);
              expect(["http:", "https:"]).toContain(resolved.protocol);
              if (link.startsWith("/")) expect(resolved.origin).toBe(SHOP);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
    // Enough runs must have shown a block, or the property proves little.
    expect(shown).toBeGreaterThan(10);
  }, 60_000);

  it("headings of any text are escaped, or the rule is skipped", async () => {
    await putCatalog({
      popular: {
        items: ["a1", "a2", "a3"].map((id) => ({
          id,
          title: id,
          url: `/products/${id}`,
          image: `/images/${id}.svg`,
          price: 1,
          currency: "EUR",
          category: "kitchen",
        })),
      },
    });
    await fc.assert(
      fc.asyncProperty(text(170), async (heading) => {
        await putRuleSet(
          ruleset([rule({ strategies: ["popular"], heading: { it: heading } })], {
            settings: { languages: ["it"], slotDeadlineMs: 2000, learningWaitMs: 200 },
          }),
        );
        const html = await (await get(PAGE)).text();
        const block = BLOCK.exec(html);
        if (block) expect(unescape(block[1]!)).toBe(wellFormed(heading));
        else expect(html).not.toContain("data-tact");
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
