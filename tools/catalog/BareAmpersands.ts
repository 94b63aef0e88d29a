/**
 * Finds the first "&" in a feed that starts no character or entity reference
 * ("Salt & Pepper" where "Salt &amp; Pepper" was meant), reading the same
 * chunks the XML parser reads. saxes reads such an "&" as the start of an
 * entity name up to the next ";" (or the end of the file), and then reports
 * that place and a misleading cause; with this finding the reader can name
 * the line the "&" is on, and what is wrong with it.
 *
 * It is only consulted to explain a failure saxes reported, so it may be
 * simple: it skips comments, CDATA sections and processing instructions,
 * where a bare "&" is allowed, and nothing else.
 */

/** An "&" followed by a reference: a name, a decimal or a hexadecimal number, and ";". */
const REFERENCE = /^&(?:[\p{L}_:][\p{L}\p{N}_.:\-\u00b7]*|#\d+|#x[\da-f]+);/iu;
/** Past this many characters an "&" is judged even without a ";" in sight. */
const LOOKAHEAD = 64;
const SECTIONS: readonly (readonly [string, string])[] = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
];

export class BareAmpersands {
  /** The line of the first bare "&", once found. */
  first: number | undefined;
  private line = 1;
  private rest = "";
  private closer: string | undefined;

  /** Reads the next chunk; `final` at the end of the feed. */
  push(chunk: string, final = false): void {
    if (this.first !== undefined) return;
    const text = this.rest + chunk;
    let at = 0;
    while (at < text.length && this.first === undefined) {
      const next = this.closer === undefined ? this.markup(text, at, final) : this.sectionEnd(text, at);
      if (next === undefined) break;
      at = next;
    }
    this.rest = text.slice(at);
  }

  /** Counts the lines of what is passed over. */
  private pass(text: string, from: number, to: number): number {
    for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) this.line++;
    return to;
  }

  /** Inside a section: to its end, or undefined to wait for more text. */
  private sectionEnd(text: string, at: number): number | undefined {
    const closer = this.closer ?? "";
    const end = text.indexOf(closer, at);
    if (end === -1) {
      // Keep what could be the start of the closer.
      const keep = Math.max(at, text.length - closer.length + 1);
      this.pass(text, at, keep);
      return keep === at ? undefined : keep;
    }
    this.closer = undefined;
    return this.pass(text, at, end + closer.length);
  }

  /** Outside sections: past the next "<" or "&", or undefined to wait for more text. */
  private markup(text: string, at: number, final: boolean): number | undefined {
    const next = text.slice(at).search(/[&<]/);
    if (next === -1) return this.pass(text, at, text.length);
    const start = this.pass(text, at, at + next);
    const ahead = text.slice(start, start + LOOKAHEAD);
    const complete = final || text.length - start >= LOOKAHEAD;
    if (text[start] === "<") {
      const section = SECTIONS.find(([opener]) => ahead.startsWith(opener));
      if (section) {
        this.closer = section[1];
        return start + section[0].length;
      }
      const partial = SECTIONS.some(([opener]) => opener.startsWith(ahead) && ahead.length < opener.length);
      return partial && !complete ? (start === at ? undefined : start) : start + 1;
    }
    const reference = REFERENCE.exec(ahead);
    if (reference) return start + reference[0].length;
    // A reference still arriving: wait for the rest before judging it.
    if (!complete && /^&[^\s<&;]*$/.test(ahead)) return start === at ? undefined : start;
    this.first = this.line;
    return undefined;
  }
}
