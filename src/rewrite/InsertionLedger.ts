/**
 * The blocks tact asked HTMLRewriter to insert, and which of them have come
 * out of it. tact's rewriter only inserts, so its output is the page's bytes
 * with these blocks among them: the output's length less the blocks that are
 * in it says exactly how much of the page has come out. That is what lets a
 * page whose rewriting fails go on from the right byte.
 *
 * A block is looked for in the output from the moment it is inserted. The
 * runtime hands the output on before each handler runs, so in practice the
 * block opens the next chunk, or follows the tag it was put after, and is
 * found at once; the search goes on over later chunks (and across their
 * edges) only when it is not. Every block is ASCII (see asciiHtml), so its
 * bytes are its characters in any encoding a page may use.
 */
import { asciiHtml } from "./asciiHtml";

/** One inserted block being looked for in the output. */
class Pending {
  /** How many of the block's leading bytes end the output so far. */
  matched = 0;
  #fallback: Int32Array | undefined;

  /**
   * How much of the block must end the output before a cut there is taken
   * for the block's: its opening up to "data-tact-", which no page byte
   * before it could plausibly match.
   */
  readonly sure: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly onOut: () => void,
    html: string,
  ) {
    const mark = html.indexOf(MARK);
    this.sure = mark < 0 ? bytes.length : mark + MARK.length;
  }

  /**
   * Reads one output chunk; true once the whole block has been seen. A
   * Knuth–Morris–Pratt search, so a block cut by a chunk's edge is still
   * found and no byte is read twice.
   */
  read(chunk: Uint8Array): boolean {
    const { bytes } = this;
    let matched = this.matched;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      while (matched > 0 && bytes[matched] !== byte) matched = this.fallback[matched - 1] ?? 0;
      if (bytes[matched] === byte) matched += 1;
      if (matched === bytes.length) {
        this.matched = matched;
        return true;
      }
    }
    this.matched = matched;
    return false;
  }

  /** For each prefix, the longest proper prefix that is also its suffix: made only when a search needs it. */
  get fallback(): Int32Array {
    if (this.#fallback) return this.#fallback;
    const { bytes } = this;
    const table = new Int32Array(bytes.length);
    for (let i = 1, k = 0; i < bytes.length; i++) {
      while (k > 0 && bytes[i] !== bytes[k]) k = table[k - 1] ?? 0;
      if (bytes[i] === bytes[k]) k += 1;
      table[i] = k;
    }
    this.#fallback = table;
    return table;
  }
}

const encoder = new TextEncoder();
/** Every block opens with an attribute of this prefix (compileTemplate adds it to the root element). */
const MARK = "data-tact-";

export class InsertionLedger {
  readonly #pending: Pending[] = [];
  /** Bytes of the blocks that have come out whole. */
  #out = 0;

  /** Blocks inserted and not yet seen in the output. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Bytes of inserted blocks found in the output so far. */
  get outBytes(): number {
    return this.#out;
  }

  /**
   * Records a block as it is handed to HTMLRewriter, and returns it in
   * ASCII, as it must be inserted; `onOut` is told once it has come out whole.
   */
  insert(html: string, onOut: () => void = () => {}): string {
    const ascii = asciiHtml(html);
    this.#pending.push(new Pending(encoder.encode(ascii), onOut, ascii));
    return ascii;
  }

  /** Reads one chunk of the rewriter's output, in order. */
  read(chunk: Uint8Array): void {
    for (let i = 0; i < this.#pending.length;) {
      const block = this.#pending[i] as Pending;
      if (block.read(chunk)) {
        this.#out += block.bytes.length;
        this.#pending.splice(i, 1);
        block.onOut();
      } else i += 1;
    }
  }

  /**
   * Where the rewriter's output stopped inside a block: the rest of it, to
   * be written so that no block is left half in the page. The block then
   * counts as out. (The runtime hands a block on in one piece, so this is a
   * safeguard; a cut before the block's mark is taken for page bytes.)
   */
  finishCutBlock(): Uint8Array | undefined {
    const cut = this.#pending.find((block) => block.matched >= block.sure);
    if (!cut) return undefined;
    this.#pending.splice(this.#pending.indexOf(cut), 1);
    this.#out += cut.bytes.length;
    cut.onOut();
    return cut.bytes.subarray(cut.matched);
  }
}
