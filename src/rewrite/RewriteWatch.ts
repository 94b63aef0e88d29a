/**
 * What boundedTransform asks of each chunk: where, if anywhere, HTMLRewriter
 * must stop reading it because it would refuse what comes next.
 *
 * HTMLRewriter refuses a text element only inside <select> or after
 * <frameset>, so a page needs following only from where either tag could
 * start. Until then each chunk is searched for "<", four bytes at a time,
 * and the byte or two after each one is looked at. Most pages never get
 * tokenized at all.
 *
 * The search cannot tell a real tag from the same letters in a comment, a
 * script or an attribute value, and a tokenizer started there could be
 * misled (a look-alike <select> would take a real one for its end). So the
 * chunks read since the page was last known to be between tags are kept,
 * and at a look-alike RewriteGuard tokenizes them first: it reaches the
 * look-alike knowing what it really is. It follows the page until it is
 * back between tags outside both elements, and the search takes over again.
 * A look-alike cut in two by a chunk's end is judged with the next chunk's
 * first bytes. Past MAX_KEPT_BYTES nothing more is kept, and the next
 * look-alike stops the rewriting: slots after it stay as they were, and the
 * page is whole.
 */
import { RewriteGuard } from "./RewriteGuard";

const LT = 0x3c;
const S = 0x73;
const F = 0x66;
/** Lower-case ASCII of the two tag names, as bytes. */
const NAMES = ["select", "frameset"].map((name) => Uint8Array.from(name, (char) => char.charCodeAt(0)));
const LONGEST_NAME = "frameset".length;

/** Does the "<" at `at` open <select or <frameset: "yes", "no", or "maybe" when the chunk ends first? */
function opens(chunk: Uint8Array, at: number): "yes" | "no" | "maybe" {
  let maybe = false;
  for (const name of NAMES) {
    let i = 0;
    while (i < name.length && at + 1 + i < chunk.length && ((chunk[at + 1 + i] as number) | 0x20) === name[i]) i += 1;
    if (i === name.length) return "yes";
    if (at + 1 + i === chunk.length) maybe = true;
  }
  return maybe ? "maybe" : "no";
}

/** Whether the byte at `at` is a "<" that could open <select or <frameset. */
function opensAt(chunk: Uint8Array, at: number): boolean {
  if (chunk[at] !== LT) return false;
  // Most tags are told apart by their first letter, without a call.
  const first = at + 1 < chunk.length ? (chunk[at + 1] as number) | 0x20 : S;
  return (first === S || first === F) && opens(chunk, at) !== "no";
}

/** "<" in each byte of a word: a word XORed with it has a zero byte where a "<" was. */
const LTS = 0x3c3c3c3c;
const NO_WORDS = new Uint32Array(0);

/**
 * The first "<" that could open <select or <frameset, or -1. The chunk is
 * read four bytes at a time, and a word's bytes are looked at only when one
 * of them is a "<": twice as fast here as a search call for each "<".
 */
function firstOpening(chunk: Uint8Array): number {
  const length = chunk.length;
  // Words start where the chunk's buffer is aligned to four bytes.
  const head = Math.min(length, (4 - (chunk.byteOffset % 4)) % 4);
  for (let at = 0; at < head; at++) if (opensAt(chunk, at)) return at;
  const count = (length - head) >>> 2;
  const words = count > 0 ? new Uint32Array(chunk.buffer, chunk.byteOffset + head, count) : NO_WORDS;
  for (let index = 0; index < words.length; index++) {
    const word = (words[index] as number) ^ LTS;
    // Non-zero exactly when some byte of the word is zero.
    if (((word - 0x01010101) & ~word & 0x80808080) === 0) continue;
    const at = head + index * 4;
    for (let byte = at; byte < at + 4; byte++) if (opensAt(chunk, byte)) return byte;
  }
  for (let at = head + words.length * 4; at < length; at++) if (opensAt(chunk, at)) return at;
  return -1;
}

/** Bytes read since the page was last known to be between tags that are kept to tokenize later. */
export const MAX_KEPT_BYTES = 256 * 1024;

export class RewriteWatch {
  #guard: RewriteGuard | undefined;
  /** The page since it was last known to be between tags (its start, at first). */
  #kept: Uint8Array[] = [];
  #keptBytes = 0;
  /** More was read than could be kept: where the page is at a look-alike cannot be known. */
  #lost = false;
  /** The first bytes of a look-alike the last chunk ended in. */
  #cutOff: Uint8Array | undefined;

  /** The index in `chunk` before which HTMLRewriter may read it and after which it must not, or -1. */
  cutAt(chunk: Uint8Array): number {
    if (this.#cutOff) {
      // Judged with this chunk's first bytes: a <span> split in two needs no tokenizing.
      const joined = new Uint8Array(this.#cutOff.length + Math.min(chunk.length, LONGEST_NAME));
      joined.set(this.#cutOff);
      joined.set(chunk.subarray(0, joined.length - this.#cutOff.length), this.#cutOff.length);
      this.#cutOff = undefined;
      const verdict = opens(joined, 0);
      if (verdict === "maybe") {
        this.#cutOff = joined;
        this.#keep(chunk);
        return -1;
      }
      if (verdict === "yes") {
        // The kept page ends with the look-alike's first bytes. Without it, stop:
        // too late to stop before the look-alike, the rewriter passes its first bytes on as text.
        this.#guard = this.#replayed();
        if (!this.#guard) return 0;
      }
    }
    let from = 0;
    for (;;) {
      const rest = from === 0 ? chunk : chunk.subarray(from);
      if (!this.#guard) {
        const opening = firstOpening(rest);
        if (opening < 0 || opens(rest, opening) === "maybe") {
          if (opening >= 0) this.#cutOff = rest.slice(opening);
          this.#keep(rest);
          return -1;
        }
        // What the look-alike is depends on everything since the page was last between tags.
        this.#guard = this.#replayed();
        if (!this.#guard) return from + opening;
        this.#guard.cutAt(rest.subarray(0, opening));
        from += opening;
        continue;
      }
      const cut = this.#guard.cutAt(rest, true);
      if (cut >= 0) return from + cut;
      if (!this.#guard.quiet) return -1;
      // Between tags again: the search takes over from where the guard stopped reading.
      const quietAt = this.#guard.quietAt;
      this.#guard = undefined;
      if (quietAt < 0) return -1;
      from += quietAt;
    }
  }

  /**
   * A tokenizer that has read the kept page, which it then forgets; undefined
   * when the page is lost. Kept chunks are the ones written to the rewriter:
   * should the runtime ever take one over (its bytes gone), the page is lost.
   */
  #replayed(): RewriteGuard | undefined {
    const kept = this.#kept;
    if (kept.reduce((bytes, part) => bytes + part.length, 0) !== this.#keptBytes) this.#lose();
    if (this.#lost) return undefined;
    this.#kept = [];
    this.#keptBytes = 0;
    const guard = new RewriteGuard();
    for (const part of kept) guard.cutAt(part);
    return guard;
  }

  #keep(part: Uint8Array): void {
    if (this.#lost || part.length === 0) return;
    this.#keptBytes += part.length;
    if (this.#keptBytes <= MAX_KEPT_BYTES) this.#kept.push(part);
    else this.#lose();
  }

  #lose(): void {
    this.#kept = [];
    this.#keptBytes = 0;
    this.#lost = true;
  }
}
