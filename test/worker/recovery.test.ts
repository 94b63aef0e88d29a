/**
 * The page is sacred, on pages no one here wrote: real shops' pages in their
 * own bytes and charsets, html5lib's parser tests spliced into a page of the
 * demo shop, pages nested deeper than HTMLRewriter can follow, every charset
 * label there is, and a rewriter broken on purpose at random places. Each
 * comes out as the origin sent it, plus at most one whole block, sent whole,
 * in writes of 8 KiB or of uneven sizes (cutting tags and characters), with
 * a Content-Length or without, plain, gzip or brotli.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import charsets from "../fixtures/corpus/charsets.json";
import labels from "../fixtures/corpus/encodingLabels.json";
import html5lib from "../fixtures/corpus/html5lib/tree-construction.json";
import { InsertionLedger } from "../../src/html/InsertionLedger";
import { insertableType } from "../../src/html/pageCharset";
import { rewriteStream } from "../../src/html/rewriteStream";
import { SlotHandler } from "../../src/html/SlotHandler";
import { SLOT_POSITIONS } from "../../src/core/ruleset/RuleSet";
import { SHOP, get, keepOriginWarm, originBytes, standardCatalog } from "../support/harness";
import { BLOCK, DELIVERIES, binary, serve, serveStaged, stage, useSlot } from "../support/pages";

const encoder = new TextEncoder();
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await standardCatalog();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** How many times tact said it recovered a page since the spy was set. */
const recoveries = () =>
  warn.mock.calls.filter((call: unknown[]) => String(call[0]).includes("page.rewrite-recovered")).length;

/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map((item, j) => task(item, i + j)));
  }
}

describe("an origin that flushes the head of the page at once", () => {
  /** Reads until `least` bytes have come, or `ms` have passed; the read still waiting, if one is. */
  async function readEarly(reader: ReadableStreamDefaultReader<Uint8Array>, least: number, ms: number) {
    const parts: Uint8Array[] = [];
    const deadline = Date.now() + ms;
    let total = 0;
    let waiting: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
    while (total < least) {
      waiting ??= reader.read();
      const timer = new Promise<undefined>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())));
      const chunk = await Promise.race([waiting, timer]);
      if (!chunk || chunk.done) break;
      waiting = undefined;
      parts.push(chunk.value);
      total += chunk.value.byteLength;
    }
    return { parts, total, waiting };
  }

  it.each([
    ["", 40],
    ["&coding=gzip&length", 40],
    ["&length", 700],
    ["&coding=gzip", 2800],
    ["&coding=br&length", 45],
    ["&chunk=uneven", 2800],
  ])("gets its first bytes to the browser before it sends the rest (%s, %i bytes first)", async (query, first) => {
    await useSlot("append", ".product-extras");
    const page = await originBytes("/products/p01");
    // All of the flushed bytes but a tag cut short at their end can be rewritten and sent at once.
    const least = binary(page.subarray(0, first)).lastIndexOf("<");
    expect(least).toBeGreaterThan(0);
    for (const gpc of [false, true]) {
      const id = `flush-${query.replace(/\W/g, "")}-${first}-${gpc}`;
      const path = await stage(page, `?hold=${id}&first=${first}${query}`);
      const response = await get(path, { headers: gpc ? { "sec-gpc": "1" } : {} });
      const reader = response.body!.getReader();
      // The origin holds the rest until it is released: what arrives now cannot have waited for it.
      const early = await readEarly(reader, least, 3000);
      expect(early.total, id).toBeGreaterThanOrEqual(least);
      await fetch(`${SHOP}/__test/release/${id}`);
      const parts = early.parts;
      for (let chunk = await (early.waiting ?? reader.read()); !chunk.done; chunk = await reader.read()) {
        parts.push(chunk.value);
      }
      const output = binary(new Uint8Array(await new Blob(parts).arrayBuffer()));
      expect(output.replace(BLOCK, "")).toBe(binary(page));
    }
  });
});

describe("pages nested deeper than HTMLRewriter can follow", () => {
  const page = (nesting: string, slotBefore: boolean, slotAfter: boolean) =>
    `<!doctype html><html lang="it"><body><main>${slotBefore ? '<div id="slot"></div>' : ""}<p>Recensioni</p>` +
    `${nesting}<p>fine delle recensioni</p>${slotAfter ? '<div id="slot"></div>' : ""}</main></body></html>`;

  it("come out whole at every depth and position, the block in a slot before the nesting", async () => {
    await useSlot("append");
    let broken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000, max: 40_000 }),
        fc.constantFrom("<b>x", "<span>", "<li>", "<div>", "<div><p>"),
        fc.constantFrom(...DELIVERIES),
        fc.boolean(),
        async (depth, tag, delivery, before) => {
          const before0 = recoveries();
          const html = page(tag.repeat(depth), before, !before);
          const { blocks } = await serveStaged(html, delivery, before ? 1 : 0);
          // A slot before the nesting is filled; one after it only if HTMLRewriter got that far.
          if (before) expect(blocks).toHaveLength(1);
          if (recoveries() > before0) broken += 1;
        },
      ),
      { numRuns: 24 },
    );
    // Some depths must be past what HTMLRewriter can follow, or this proves little.
    expect(broken).toBeGreaterThan(0);
  }, 120_000);
});

describe("html5lib's tree-construction documents, spliced into a page of the demo shop", () => {
  const MARK = '<aside data-tact-rule="x">n\u00e9</aside>';
  const MARK_OUT = '<aside data-tact-rule="x">n&#xe9;</aside>';

  /** The demo product page with `data` in its head (even `index`) or at the top of its body. */
  const splice = (page: string, data: string, index: number) =>
    index % 2 === 0
      ? page.replace("<head>", `<head>${data}`)
      : page.replace('<main id="main" class="site-main">', `$&${data}`);

  /** Whether plain HTMLRewriter, with a handler on the slot, fails on a page. */
  async function refusedByPlainRewriter(bytes: Uint8Array): Promise<boolean> {
    const plain = new HTMLRewriter().on(".product-extras", {}).transform(new Response(bytes.slice()));
    return plain.arrayBuffer().then(
      () => false,
      () => true,
    );
  }

  it("leave the page whole, each in the head and in the body, in chunks of any size", async () => {
    const page = new TextDecoder().decode(await originBytes("/products/p01"));
    let refused = 0;
    for (const [index, { data }] of html5lib.entries()) {
      for (const at of [index, index + 1]) {
        const bytes = encoder.encode(splice(page, data, at));
        const size = 1 + ((index * 7919) % 3000);
        const ledger = new InsertionLedger();
        const slot = new SlotHandler("append", () => MARK, ledger, { found() {}, filled() {}, out() {} });
        const rewriter = new HTMLRewriter().on(".product-extras", slot);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
            controller.close();
          },
        });
        const response = new Response(body, { headers: { "content-type": "text/html" } });
        const output = binary(
          new Uint8Array(await (await rewriteStream(rewriter, response, { ledger })).arrayBuffer()),
        );
        expect(output.split(MARK_OUT).join(""), `${index}`).toBe(binary(bytes));
        expect(output.split(MARK_OUT).length).toBeLessThanOrEqual(2);
      }
      await keepOriginWarm();
      if (index % 16 === 0 && (await refusedByPlainRewriter(encoder.encode(splice(page, data, index))))) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
  }, 120_000);

  it("those plain HTMLRewriter fails on come out whole through tact however they are sent", async () => {
    await useSlot("append", ".product-extras");
    const page = new TextDecoder().decode(await originBytes("/products/p01"));
    const failing: string[] = [];
    for (const [index, { data }] of html5lib.entries()) {
      const spliced = splice(page, data, index);
      if (await refusedByPlainRewriter(encoder.encode(spliced))) failing.push(spliced);
    }
    expect(failing.length).toBeGreaterThan(10);
    await inBatches(failing, 4, async (spliced, index) => {
      const { blocks } = await serveStaged(spliced, DELIVERIES[index % DELIVERIES.length]);
      expect(blocks.length).toBeLessThanOrEqual(1);
    });
  }, 120_000);
});

describe("real shops' pages, in their own bytes and charsets", () => {
  const pages = Object.entries(charsets as Record<string, { charset: string; declaredIn: string }>);
  const ways = ["?length", "?chunk=8192", "?chunk=uneven"] as const;

  it.each(ways)(
    "come out whole, with one block at the end of the body (%s)",
    async (way) => {
      await useSlot("append", "body");
      await inBatches(pages, 4, async ([name, { charset }], index) => {
        const coding = ["", "&coding=gzip", "&coding=br"][index % 3];
        // Half of them with their charset in the Content-Type, half with none (as many shops send them).
        const type =
          index % 2 === 0 ? `&type=${encodeURIComponent(`text/html; charset=${charset}`)}` : "&type=text/html";
        const path = `/__test/corpus/${name}${way}${coding}${type}`;
        const insertable = !charset.startsWith("utf-16");
        const { blocks } = await serve(path, insertable ? 1 : 0);
        expect(blocks.length, name).toBeLessThanOrEqual(insertable ? 1 : 0);
      });
    },
    120_000,
  );
});

describe("every charset label", () => {
  const all = Object.entries(labels.encodings).flatMap(([name, names]) => names.map((label) => ({ name, label })));
  const unknown = ["utf-7", "none", "x-unknown-charset", "utf-32", ""].map((label) => ({ name: "", label }));
  const NOT_ASCII = ["UTF-16BE", "UTF-16LE", "ISO-2022-JP", "replacement"];
  const page = '<!doctype html><html><body><div id="slot"></div><p>fine</p></body></html>';

  /** What plain HTMLRewriter makes of a page sent with that charset: its output, or that it failed or hung. */
  async function plainly(label: string): Promise<"ok" | "refused" | "hung"> {
    const type = `text/html; charset=${label}`;
    let output: Promise<ArrayBuffer>;
    try {
      output = new HTMLRewriter()
        .on("#slot", { element: () => {} })
        .transform(new Response(page, { headers: { "content-type": type } }))
        .arrayBuffer();
    } catch {
      return "refused";
    }
    const hung = new Promise<"hung">((resolve) => setTimeout(resolve, 1000, "hung"));
    return Promise.race([
      output.then(
        (): "ok" => "ok",
        (): "refused" => "refused",
      ),
      hung,
    ]);
  }

  it("is judged as browsers and HTMLRewriter read it: blocks go only into pages both read as ASCII", async () => {
    const refused: string[] = [];
    await inBatches([...all, ...unknown], 16, async ({ name, label }) => {
      const outcome = await plainly(label);
      if (outcome !== "ok") refused.push(label);
      const readable = name !== "" && !NOT_ASCII.includes(name) && outcome === "ok";
      expect(insertableType(`text/html; charset=${label}`), label).toBe(readable);
    });
    // The labels HTMLRewriter cannot read: every one of them is left alone.
    expect(refused.length).toBeGreaterThan(0);
  }, 60_000);

  it("one of each encoding, through tact: served whole, untouched where blocks cannot go", async () => {
    await useSlot("append");
    const firsts = Object.entries(labels.encodings).map(([name, names]) => ({ name, label: names[0] ?? "" }));
    await inBatches([...firsts, ...unknown], 8, async ({ name, label }) => {
      const type = encodeURIComponent(`text/html; charset=${label}`);
      const insertable = name !== "" && !NOT_ASCII.includes(name);
      const { blocks } = await serveStaged(page, `?type=${type}`, insertable ? 1 : 0);
      expect(blocks, label).toHaveLength(insertable ? 1 : 0);
    });
  }, 60_000);
});

describe("a rewriter broken on purpose", () => {
  // Markup HTMLRewriter gives up on, put before a random tag of a real page.
  const BREAKERS = ["<select><style>s</style></select>", "<frameset><noscript>", "<b>".repeat(40_000)];

  it("at any tag, in any chunks: the page comes out whole, the block whole or not at all", async () => {
    const MARK = '<aside data-tact-rule="x">n\u00e9</aside>';
    const MARK_OUT = '<aside data-tact-rule="x">n&#xe9;</aside>';
    const page = new TextDecoder().decode(await originBytes("/products/p01"));
    const tags = [...page.matchAll(/<[a-z/!]/g)].map((match) => match.index);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: tags.length - 1 }),
        fc.constantFrom(...BREAKERS),
        fc.integer({ min: 1, max: 9000 }),
        fc.constantFrom(...SLOT_POSITIONS),
        fc.option(fc.integer({ min: 16, max: 4096 })),
        async (tag, breaker, size, position, limit) => {
          const at = tags[tag] ?? 0;
          const bytes = encoder.encode(page.slice(0, at) + breaker + page.slice(at));
          const ledger = new InsertionLedger();
          const slot = new SlotHandler(position, () => MARK, ledger, { found() {}, filled() {}, out() {} });
          const rewriter = new HTMLRewriter().on(".product-extras", slot);
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
              controller.close();
            },
          });
          const response = new Response(body, { headers: { "content-type": "text/html" } });
          const options = limit === null ? { ledger } : { ledger, limit };
          const before = recoveries();
          await keepOriginWarm();
          const output = binary(new Uint8Array(await (await rewriteStream(rewriter, response, options)).arrayBuffer()));
          expect(output.split(MARK_OUT).join("")).toBe(binary(bytes));
          expect(output.split(MARK_OUT).length).toBeLessThanOrEqual(2);
          if (recoveries() > before) refused += 1;
        },
      ),
      { numRuns: 120 },
    );
    expect(refused).toBeGreaterThan(30);
  }, 60_000);
});
