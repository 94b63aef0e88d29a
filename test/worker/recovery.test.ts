/**
 * The page is sacred, on pages no one here wrote: pages that flush their head
 * at once, pages nested deeper than HTMLRewriter can follow, and a rewriter
 * broken on purpose at random places. Each comes out as the origin sent it,
 * plus at most one whole block, sent whole. recoveryCorpus.test.ts has real
 * shops' pages, html5lib's documents and every charset label.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SLOT_POSITIONS } from "../../src/core/ruleset/RuleSet";
import { SHOP, get, keepOriginWarm, originBytes } from "../support/harness";
import { BLOCK, DELIVERIES, binary, serveStaged, stage, useSlot } from "../support/pages";
import { encoder, quietCatalog, recoveries, rewrittenInChunks } from "./recoverySupport";

beforeEach(quietCatalog);

afterEach(() => {
  vi.restoreAllMocks();
});

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
          const before = recoveries();
          await keepOriginWarm();
          const output = await rewrittenInChunks(bytes, size, MARK, { position, limit });
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
