/**
 * The page is sacred, on pages no one here wrote: real shops' pages in their
 * own bytes and charsets, html5lib's parser tests spliced into a page of the
 * demo shop, and every charset label there is. Each comes out as the origin
 * sent it, plus at most one whole block, sent whole, in writes of 8 KiB or of
 * uneven sizes (cutting tags and characters), with a Content-Length or
 * without, plain, gzip or brotli.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import charsets from "../fixtures/corpus/charsets.json";
import labels from "../fixtures/corpus/encodingLabels.json";
import html5lib from "../fixtures/corpus/html5lib/tree-construction.json";
import { insertableType } from "../../src/html/pageCharset";
import { keepOriginWarm, originBytes } from "../support/harness";
import { DELIVERIES, binary, serve, serveStaged, useSlot } from "../support/pages";
import { encoder, inBatches, quietCatalog, rewrittenInChunks } from "./recoverySupport";

beforeEach(quietCatalog);

afterEach(() => {
  vi.restoreAllMocks();
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
        const output = await rewrittenInChunks(bytes, size, MARK);
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
