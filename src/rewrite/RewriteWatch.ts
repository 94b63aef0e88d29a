/**
 * What boundedTransform asks of each chunk: where, if anywhere, HTMLRewriter
 * must stop reading it because it would refuse what comes next.
 *
 * HTMLRewriter refuses a text element only inside <select> or after
 * <frameset>, so a page needs following only from the first place either tag
 * could start. Until then the chunk is searched natively for "<" and the byte
 * or two after each one is looked at; from there RewriteGuard tokenizes the
 * page, until it is back between tags outside both, and the search takes over
 * again. Most pages never get tokenized at all.
 *
 * The search cannot tell a real tag from the same letters in a script or a
 * comment, so it may hand the page over early, which costs only time: the
 * guard then starts as if a tag began there, errs on the side of stopping
 * early as it always does, and settles at the next end tag it expects.
 */
import { RewriteGuard } from "./RewriteGuard";

const LT = 0x3c;
const S = 0x73;
const F = 0x66;
/** Lower-case ASCII of the two tag names, as bytes. */
const NAMES = ["select", "frameset"].map((name) => Uint8Array.from(name, (char) => char.charCodeAt(0)));

/** Could the "<" at `at` open <select or <frameset, as far as the chunk shows? */
function couldOpen(chunk: Uint8Array, at: number): boolean {
  for (const name of NAMES) {
    let i = 0;
    while (i < name.length && at + 1 + i < chunk.length && ((chunk[at + 1 + i] as number) | 0x20) === name[i]) i += 1;
    if (i === name.length || at + 1 + i === chunk.length) return true;
  }
  return false;
}

function firstOpening(chunk: Uint8Array): number {
  for (let at = chunk.indexOf(LT); at >= 0; at = chunk.indexOf(LT, at + 1)) {
    // Most tags are told apart by their first letter, without a call.
    const first = at + 1 < chunk.length ? (chunk[at + 1] as number) | 0x20 : S;
    if ((first === S || first === F) && couldOpen(chunk, at)) return at;
  }
  return -1;
}

export class RewriteWatch {
  #guard: RewriteGuard | undefined;

  /** The index in `chunk` before which HTMLRewriter may read it and after which it must not, or -1. */
  cutAt(chunk: Uint8Array): number {
    let from = 0;
    for (;;) {
      const rest = from === 0 ? chunk : chunk.subarray(from);
      if (!this.#guard) {
        const opening = firstOpening(rest);
        if (opening < 0) return -1;
        this.#guard = new RewriteGuard();
        from += opening;
        continue;
      }
      const cut = this.#guard.cutAt(rest, true);
      if (cut >= 0) return from + cut;
      if (!this.#guard.quiet) return -1;
      // Quiet again: the search takes over from where the guard stopped reading.
      const quietAt = this.#guard.quietAt;
      this.#guard = undefined;
      if (quietAt < 0) return -1;
      from += quietAt;
    }
  }
}
