import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InsertionLedger } from "../../src/html/InsertionLedger";

const encoder = new TextEncoder();
const BLOCK = '<section data-tact-rule="r1"><h2>Caff\u00e8</h2></section>';
const ASCII_BLOCK = '<section data-tact-rule="r1"><h2>Caff&#xe8;</h2></section>';

/** `bytes` cut at the given offsets. */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const edges = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const edge of [...edges, bytes.length]) {
    if (edge > from) chunks.push(bytes.subarray(from, edge));
    from = Math.max(from, edge);
  }
  return chunks;
}

describe("InsertionLedger", () => {
  it("hands the block back in ASCII and finds it in the output however the output is cut", () => {
    // Page text made of the block's own pieces, so near-misses abound.
    const piece = fc.constantFrom("<", "<s", "<section", " data-tact-rule=", '"r1"', ">", "é", "x", "\n");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.array(piece, { maxLength: 30 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        (before, after, edges) => {
          const ledger = new InsertionLedger();
          let out = false;
          expect(ledger.insert(BLOCK, () => (out = true))).toBe(ASCII_BLOCK);
          const head = encoder.encode(before.join(""));
          const output = encoder.encode(before.join("") + ASCII_BLOCK + after.join(""));
          let read = 0;
          for (const chunk of cut(output, edges)) {
            ledger.read(chunk);
            read += chunk.length;
            // Never out before the whole block has been read; at once where it opens a chunk.
            if (read < head.length + ASCII_BLOCK.length) expect(out).toBe(false);
            if (read - chunk.length === head.length && chunk.length >= ASCII_BLOCK.length) expect(out).toBe(true);
            // Until it is found, it is counted as possibly out.
            expect(ledger.outBytes + ledger.pendingBytes).toBe(ASCII_BLOCK.length);
          }
          ledger.search();
          expect(out).toBe(true);
          expect(ledger.outBytes).toBe(ASCII_BLOCK.length);
          expect(ledger.pending).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("does not count a block that never came out", () => {
    const ledger = new InsertionLedger();
    ledger.insert(BLOCK);
    for (const chunk of cut(encoder.encode('<p>no <section data-tact-rule="r2"> here</p>'), [3, 9, 20])) {
      ledger.read(chunk);
    }
    ledger.search();
    expect(ledger.outBytes).toBe(0);
    expect(ledger.pending).toBe(1);
    expect(ledger.finishCutBlock()).toBeUndefined();
  });

  it("finishes a block the output stopped inside, once past its mark, and only then", () => {
    const ledger = new InsertionLedger();
    let out = false;
    ledger.insert(BLOCK, () => (out = true));
    const stop = ASCII_BLOCK.indexOf("<h2>");
    ledger.read(encoder.encode(`<p>page</p>${ASCII_BLOCK.slice(0, stop)}`));
    const rest = ledger.finishCutBlock();
    expect(new TextDecoder().decode(rest)).toBe(ASCII_BLOCK.slice(stop));
    expect(out).toBe(true);
    expect(ledger.outBytes).toBe(ASCII_BLOCK.length);

    const early = new InsertionLedger();
    early.insert(BLOCK);
    // "<sec" may as well be the page's own bytes: no block is finished from there.
    early.read(encoder.encode("<p>page</p><sec"));
    expect(early.finishCutBlock()).toBeUndefined();
    expect(early.outBytes).toBe(0);
  });
});
