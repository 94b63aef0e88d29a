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
 * Until it is found it may be in the output already, so the caller counts
 * on no more than `outBytes` being out and as much as `pendingBytes` more.
 * Every block is ASCII (see asciiHtml), so its bytes are its characters in
 * any encoding a page may use.
 */
import { asciiHtml } from "./asciiHtml";

/** Output decoded only to be searched: an ASCII block is in the bytes exactly when it is in the text. */
const decoder = new TextDecoder();
const GT = 0x3e;
/** Output kept unsearched for one block before it is searched at once. */
const MAX_UNSEARCHED_BYTES = 256 * 1024;

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
  /** Chunks read since the block was inserted that may hold it somewhere less likely. */
  unsearched: Uint8Array[] = [];
  #unsearchedBytes = 0;
  /** Past MAX_UNSEARCHED_BYTES: every chunk is searched as it comes. */
  #eager = false;

  /**
   * How much of the block must end the output before a cut there is taken
   * for the block's: its opening up to "data-tact-", which no page byte
   * before it could plausibly match.
   */
  readonly sure: number;

  #bytes: Uint8Array | undefined;

  constructor(
    readonly html: string,
    readonly onOut: () => void,
  ) {
    const mark = html.indexOf(MARK);
    this.sure = mark < 0 ? html.length : mark + MARK.length;
  }

  /** The block's bytes (its characters: it is ASCII), made when a search first needs them. */
  get bytes(): Uint8Array {
    this.#bytes ??= encoder.encode(this.html);
    return this.#bytes;
  }

  /** How much of the block ends the output so far. */
  get matched(): number {
    return this.partial[0] ?? 0;
  }

  /**
   * Reads one output chunk; true once the whole block has been seen. The
   * runtime hands the output on before a handler runs, so the block opens
   * a chunk, or follows the one tag it was put after: those places are
   * looked at, and a block cut by the chunk's edge is carried over. A chunk
   * that holds the block anywhere else is searched for it only when that
   * must be known (search), or once much output has gone by.
   */
  read(chunk: Uint8Array): boolean {
    const { bytes } = this;
    const carried: number[] = [];
    for (const done of this.partial) {
      if (!holds(chunk, 0, bytes, done)) continue;
      if (done + chunk.length >= bytes.length) return true;
      carried.push(done + chunk.length);
    }
    const afterTag = chunk[0] === bytes[0] ? chunk.indexOf(GT) + 1 : 0;
    for (const at of afterTag > 0 ? [0, afterTag] : [0]) {
      if (chunk.length - at >= bytes.length && holds(chunk, at, bytes, 0)) return true;
    }
    this.partial = [...carried, ...this.#beginningsAtEnd(chunk)].sort((a, b) => b - a);
    if (this.#eager) return decoder.decode(chunk).includes(this.html);
    this.unsearched.push(chunk);
    this.#unsearchedBytes += chunk.length;
    if (this.#unsearchedBytes > MAX_UNSEARCHED_BYTES) {
      this.#eager = true;
      return this.search();
    }
    return false;
  }

  /** Whether the block is anywhere in the chunks not yet searched. */
  search(): boolean {
    const found = this.unsearched.some((chunk) => decoder.decode(chunk).includes(this.html));
    this.unsearched = [];
    this.#unsearchedBytes = 0;
    return found;
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

  /** Bytes of inserted blocks not found yet: some may be in the output already. */
  get pendingBytes(): number {
    return this.#pending.reduce((sum, block) => sum + block.html.length, 0);
  }

  /**
   * Records a block as it is handed to HTMLRewriter, and returns it in
   * ASCII, as it must be inserted; `onOut` is told once it has come out whole.
   */
  insert(html: string, onOut: () => void = () => {}): string {
    const ascii = asciiHtml(html);
    this.#pending.push(new Pending(ascii, onOut));
    return ascii;
  }

  /**
   * Reads one chunk of the rewriter's output, in order. True when the
   * ledger keeps the chunk to search later: its buffer must not be reused.
   */
  read(chunk: Uint8Array): boolean {
    if (this.#pending.length === 0) return false;
    this.#settle((block) => block.read(chunk));
    return this.#pending.some((block) => block.unsearched.includes(chunk));
  }

  /** The whole output has been made at once, and every block inserted is in it. */
  allOut(): void {
    this.#settle(() => true);
  }

  /** Once the output has ended: looks for every block not found yet in all the output read. */
  search(): void {
    if (this.#pending.length > 0) this.#settle((block) => block.search());
  }

  #settle(found: (block: Pending) => boolean): void {
    for (let i = 0; i < this.#pending.length;) {
      const block = this.#pending[i] as Pending;
      if (found(block)) {
        this.#out += block.html.length;
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
    this.search();
    const cut = this.#pending.find((block) => block.matched >= block.sure);
    if (!cut) return undefined;
    this.#pending.splice(this.#pending.indexOf(cut), 1);
    this.#out += cut.html.length;
    cut.onOut();
    return cut.bytes.subarray(cut.matched);
  }
}
