/**
 * The page's own `<html lang>`, read from the first bytes of the page before
 * HTMLRewriter sees them: when the shop has copy in that language, blocks
 * speak it, whatever the browser prefers. Read here rather than by an
 * HTMLRewriter handler because every handler call makes the runtime hand the
 * output on in one more piece, and the html element is always there.
 *
 * The html start tag comes first on a page, after the doctype and perhaps
 * comments; only the first HEAD_BYTES are looked at. The tag name, the
 * attribute and its value are ASCII in every encoding HTMLRewriter reads.
 */

import { META_WINDOW, insertableHead } from "./pageCharset";

/** How far into a page its html start tag is looked for. */
export const HEAD_BYTES = 4096;

const decoder = new TextDecoder();
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** The html start tag's attributes, up to the first ">" outside a quoted value. */
const HTML_TAG = /<html(?=[\s/>])((?:=\s*"[^"]*"|=\s*'[^']*'|=(?!\s*["'])|[^>=])*)>/i;
/** `lang`, not `xml:lang` or `data-lang`: after a space, a quote or a slash. */
const LANG = /(?:^|[\s"'/])lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * The lang attribute of the page's html start tag in `head`: a string,
 * null when the tag has none, undefined when `head` holds no html start tag.
 */
export function htmlLang(head: Uint8Array): string | null | undefined {
  const text = decoder.decode(head.subarray(0, HEAD_BYTES)).replace(COMMENT, "");
  const tag = HTML_TAG.exec(text);
  if (!tag) return undefined;
  const lang = LANG.exec(tag[1] ?? "");
  return lang ? (lang[1] ?? lang[2] ?? lang[3] ?? "") : null;
}

/**
 * Follows the first bytes of a page, before HTMLRewriter reads them: sets
 * `language` to the html tag's lang when the shop has copy in it, and says
 * whether blocks can be inserted into the page's bytes at all (see
 * pageCharset). Once both are settled it keeps nothing.
 */
export class PageHead {
  /** The page so far, up to HEAD_BYTES; undefined once settled. */
  #head: Uint8Array | undefined = new Uint8Array(0);
  #languageKnown = false;

  constructor(
    private readonly languages: readonly string[],
    private readonly language: { value: string },
    /** Whether the headers named a charset, which then outranks the page's <meta>. */
    private readonly headerCharset: boolean,
  ) {}

  /** Shown each chunk of the page, in order; false when blocks cannot go into its bytes. */
  read(chunk: Uint8Array): boolean {
    const seen = this.#head;
    if (!seen) return true;
    const more = chunk.subarray(0, HEAD_BYTES - seen.length);
    let head = more;
    if (seen.length > 0) {
      head = new Uint8Array(seen.length + more.length);
      head.set(seen);
      head.set(more, seen.length);
    }
    if (!insertableHead(head, this.headerCharset)) {
      this.#head = undefined;
      return false;
    }
    if (!this.#languageKnown) this.#readLanguage(head);
    // A copy: the chunk itself goes on to the rewriter.
    const open = !this.#languageKnown || head.length < META_WINDOW;
    this.#head = open ? (head === more ? more.slice() : head) : undefined;
    return true;
  }

  #readLanguage(head: Uint8Array): void {
    const lang = htmlLang(head);
    if (lang === undefined && head.length < HEAD_BYTES) return;
    this.#languageKnown = true;
    const primary = lang?.split("-")[0]?.trim().toLowerCase();
    if (primary && this.languages.includes(primary)) this.language.value = primary;
  }
}
