/**
 * Tricky HTML: whatever the page, tact's output is the origin's bytes with its
 * block inserted, and nothing else changed. The corpus is in
 * test/fixtures/html/ (kept out of formatters; see its .prettierrc.json); very
 * long documents are staged on the test origin. Generated documents are in
 * hostileHtmlGenerated.test.ts, pages whose slots outnumber blocks in
 * hostileHtmlSlots.test.ts.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SLOT_POSITIONS } from "../../src/core/ruleset/RuleSet";
import { SHOP } from "../support/harness";
import { quietTestsWithCatalog } from "../support/quietConsole";
import { type Position, serve, stage, useSlot } from "../support/pages";
import { SLOT } from "../support/htmlArbitraries";

quietTestsWithCatalog();

/** Blocks expected in each fixture, per position (a void slot takes no content). */
const CORPUS: Record<string, number | Partial<Record<Position, number>>> = {
  "attributes.html": 1,
  "bom.html": 1,
  "cdata.html": 1,
  "comments.html": 1,
  "crlf-entities.html": 1,
  "foreign.html": 1,
  "latin1.html": 1,
  "misnested.html": 1,
  "no-slot.html": 0,
  "plaintext.html": 0,
  "raw-text.html": 1,
  "repeated-slot.html": 1,
  // HTMLRewriter cannot read on past these; the slot before them is filled, the page is whole.
  "select-style.html": 1,
  "select-template.html": 1,
  "frameset.html": 1,
  "self-closing-slot.html": 1,
  "template.html": 1,
  // The slot is never closed: there is no end tag to append at.
  "unclosed.html": { append: 0, prepend: 1, before: 1, after: 0 },
  "unclosed-title.html": 0,
  "unicode.html": 1,
  "void-slot.html": { append: 0, prepend: 0, before: 1, after: 1 },
};

const pathOf = (name: string) =>
  `/__test/html/${name}${name === "latin1.html" ? `?type=${encodeURIComponent("text/html; charset=iso-8859-1")}` : ""}`;

describe("a corpus of tricky documents", () => {
  it.each(SLOT_POSITIONS)(
    "keeps every byte and fills the real slot once (%s)",
    async (position) => {
      await useSlot(position);
      for (const [name, expected] of Object.entries(CORPUS)) {
        const count = typeof expected === "number" ? expected : (expected[position] ?? 0);
        const { output, blocks } = await serve(pathOf(name), count);
        expect({ name, blocks: blocks.length }).toEqual({ name, blocks: count });
        // The block went into the real slot, not into a look-alike in a comment, script or attribute.
        if (position === "prepend" && count === 1 && output.includes("vero slot")) {
          expect(output).toContain(`${blocks[0]}vero slot`);
        }
      }
    },
    30_000,
  );

  it("leaves every document byte for byte as it was when no slot matches", async () => {
    await useSlot("append", "#nowhere");
    for (const name of Object.keys(CORPUS)) {
      const { blocks } = await serve(pathOf(name));
      expect(blocks).toEqual([]);
    }
  });

  it("writes a block into an ISO-8859-1 page in ASCII, which reads the same in any such encoding", async () => {
    await useSlot("append");
    const { blocks } = await serve(pathOf("latin1.html"), 1);
    // "12,50 €": the no-break space and the euro sign as character references.
    expect(blocks[0]).toContain("<b>12,50&#xa0;&#x20ac;</b>");
  });

  it.each(["select-style.html", "select-template.html", "frameset.html"])(
    "%s: plain HTMLRewriter fails half-way, tact serves it whole",
    async (name) => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      const plain = new HTMLRewriter().on("#slot", {}).transform(await fetch(`${SHOP}${pathOf(name)}`));
      await expect(plain.text()).rejects.toThrow(/ambiguous/);
      await useSlot("append");
      expect((await serve(pathOf(name), 1)).blocks).toHaveLength(1);
    },
  );

  it("keeps a byte-order mark where it was", async () => {
    await useSlot("append");
    const { output } = await serve(pathOf("bom.html"), 1);
    expect(output.startsWith("\u00ef\u00bb\u00bf<!doctype html>")).toBe(true);
  });
});

// ---- Generated documents.

describe("very long lines and attributes", () => {
  const MB = 1024 * 1024;
  const page = (body: string) => `<!doctype html><html lang="it"><body>${body}</body></html>`;

  it.each([
    [
      "a 1 MB line of text, a 1 MB comment, a 1 MB script and a 900 KB attribute before the slot",
      page(
        `<p>${"testo ".repeat(MB / 6)}</p><!--${"c".repeat(MB)}--><script>var a = "${"d".repeat(MB)}";</script>` +
          `<img alt="${"a".repeat(900 * 1024)}">${SLOT}`,
      ),
      1,
    ],
    ["a 900 KB attribute on the slot", page(`<div id="slot" data-x="${"a".repeat(900 * 1024)}">vero slot</div>`), 1],
    // Past what HTMLRewriter can hold in one tag: tact stops rewriting there, never the page.
    [
      "a 4 MB data: URL after the slot",
      page(`${SLOT}<img src="data:image/png;base64,${"QUJD".repeat(MB)}"><p>fine</p>`),
      1,
    ],
    ["a 4 MB attribute on the slot", page(`<div id="slot" data-x="${"a".repeat(4 * MB)}">vero slot</div>`), 0],
    [
      "a 4 MB SVG data: URL with '>' inside",
      page(`${SLOT}<img src="data:image/svg+xml,${"<g></g>".repeat(600_000)}">`),
      1,
    ],
    [
      "40,000 attributes on one tag",
      page(`<div ${Array.from({ length: 40_000 }, (_, i) => `a${i}="v"`).join(" ")}>x</div>${SLOT}`),
      1,
    ],
  ])(
    "%s: every byte kept",
    async (_name, html, count) => {
      await useSlot("append");
      const { blocks, output } = await serve(await stage(html), count);
      expect(blocks).toHaveLength(count);
      expect(output.endsWith("</body></html>")).toBe(true);
    },
    30_000,
  );
});

describe("a small page with its length said, arriving in pieces", () => {
  const page = `<!doctype html><html lang="it"><body><div id="slot"><p>vero slot</p></div>${"<p>testo</p>".repeat(40)}</body></html>`;

  it("is rewritten as it streams, byte for byte", async () => {
    await useSlot("append");
    const { blocks } = await serve(await stage(page, "?chunk=64&length"), 1);
    expect(blocks).toHaveLength(1);
  });

  it("is served as it was in a charset blocks cannot be written in", async () => {
    await useSlot("append");
    const type = encodeURIComponent("text/html; charset=utf-16");
    const { blocks } = await serve(await stage(page, `?chunk=64&length&type=${type}`));
    expect(blocks).toEqual([]);
  });
});

describe("character sets blocks cannot be written in", () => {
  it.each(["utf-16", "utf-16le", "iso-2022-jp", "utf-7", "x-unknown-charset"])(
    "charset=%s: the page is served untouched",
    async (charset) => {
      await useSlot("append");
      const path = `/__test/html/repeated-slot.html?type=${encodeURIComponent(`text/html; charset=${charset}`)}`;
      const { blocks } = await serve(path);
      expect(blocks).toEqual([]);
    },
  );
});

it("the test ruleset reaches the pages it is meant for", async () => {
  // Guards the properties above against passing vacuously (every page untouched).
  await useSlot("append");
  expect((await serve(pathOf("repeated-slot.html"), 1)).blocks).toHaveLength(1);
  expect(await env.TACT_RULES.get("ruleset")).toContain("#slot");
});
