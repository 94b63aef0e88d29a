/**
 * A block's HTML in ASCII alone: every other character as a numeric
 * character reference ("Caffè" as "Caff&#xe8;"). The browser reads the
 * same text, whatever encoding the page is in (a Shift_JIS page declared
 * only in its <meta> included), and the block's bytes are its characters,
 * which is what lets tact count how much of the page has come out of the
 * rewriter. Blocks hold no raw text elements or comments, where references
 * would not be read, so this is safe everywhere in them.
 *
 * A lone UTF-16 surrogate (a title cut in the middle of an emoji) has no
 * character to stand for: it becomes U+FFFD, as a browser would show it.
 */
/** A surrogate pair, or any other character past ASCII (a lone surrogate among them). */
const NON_ASCII = /[\ud800-\udbff][\udc00-\udfff]|[\u0080-\uffff]/g;

function reference(char: string): string {
  const code = char.codePointAt(0) ?? 0xfffd;
  return `&#x${(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code).toString(16)};`;
}

export function asciiHtml(html: string): string {
  return html.replace(NON_ASCII, reference);
}
