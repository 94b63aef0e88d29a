/**
 * The blocks tact asked HTMLRewriter to insert, and which of them have come
 * out of it. tact's rewriter only inserts, so its output is the page's bytes
 * with these blocks among them: the output's length less the blocks that are
 * in it says exactly how much of the page has come out. That is what lets a
 * page whose rewriting fails go on from the right byte.
 *
 * A block is looked for in the output from the moment it is inserted, in
 * the chunks read from then on (some of which the runtime may have written
 * before the block, while the reader was behind) and across their edges.
 * Every block is ASCII (see asciiHtml), so its bytes are its characters in
 * any encoding a page may use.
 */
import { asciiHtml } from "./asciiHtml";

/** Output decoded only to be searched: an ASCII block is in the bytes exactly when it is in the text. */
const decoder = new TextDecoder();

/** Whether `chunk`, from `at`, holds `bytes` from `from` on (as much as fits). */
function holds(chunk: Uint8Array, at: number, bytes: Uint8Array, from: number): boolean {
  const end = Math.min(chunk.length - at, bytes.length - from);
  for (let i = 0; i < end; i++) if (chunk[at + i] !== bytes[from + i]) return false;
  return true;
}

/** One inserted block being looked for in the output. */
class Pending {
  /**
   * Lengths of the block's beginnings that end the output so far (a block
   * cut by a chunk's edge), longest first.
   */
  partial: number[] = [];

  /**
   * How much of the block must end the output before a cut there is taken
   * for the block's: its opening up to "data-tact-", which no page byte
   * before it could plausibly match.
   */
  readonly sure: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly html: string,
    readonly onOut: () => void,
  ) {
    const mark = html.indexOf(MARK);
    this.sure = mark < 0 ? bytes.length : mark + MARK.length;
  }

  /** How much of the block ends the output so far. */
  get matched(): number {
    return this.partial[0] ?? 0;
  }

  /**
   * Reads one output chunk; true once the whole block has been seen. The
   * block usually opens the chunk; elsewhere the runtime's own string
   * search finds it, and a block cut by the chunk's edge is carried over.
   */
  read(chunk: Uint8Array): boolean {
    const { bytes } = this;
    const carried: number[] = [];
    for (const done of this.partial) {
      if (!holds(chunk, 0, bytes, done)) continue;
      if (done + chunk.length >= bytes.length) return true;
      carried.push(done + chunk.length);
    }
    if (holds(chunk, 0, bytes, 0) && chunk.length >= bytes.length) return true;
    if (chunk.length >= bytes.length && decoder.decode(chunk).includes(this.html)) return true;
    this.partial = [...carried, ...this.#beginningsAtEnd(chunk)].sort((a, b) => b - a);
    return false;
  }

  /** Lengths of the block's beginnings that the chunk ends with. */
  #beginningsAtEnd(chunk: Uint8Array): number[] {
    const { bytes } = this;
    const found: number[] = [];
    for (let at = Math.max(0, chunk.length - bytes.length + 1); at < chunk.length; at++) {
      if (chunk[at] === bytes[0] && holds(chunk, at, bytes, 0)) found.push(chunk.length - at);
    }
    return found;
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
    this.#pending.push(new Pending(encoder.encode(ascii), ascii, onOut));
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
