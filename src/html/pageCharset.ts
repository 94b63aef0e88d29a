/**
 * Whether tact can insert its ASCII blocks into a page's bytes. It can in
 * every encoding that keeps ASCII as ASCII (UTF-8, windows-1252, Shift_JIS,
 * GBK, …), however the page declares it. It cannot in UTF-16 (every
 * character two bytes) or ISO-2022-JP (ASCII bytes may stand for kanji), and
 * it must not guess at a label no browser knows: such pages pass through
 * untouched. Labels are judged by the runtime's own TextDecoder, which knows
 * the WHATWG Encoding Standard's list.
 */

/** The encodings, by their standard names, whose bytes do not read ASCII as ASCII. */
const NOT_ASCII = new Set(["utf-16le", "utf-16be", "iso-2022-jp"]);

const known = new Map<string, string | undefined>();

/** The standard name of an encoding label, or undefined for a label no browser knows. */
export function encodingOf(label: string): string | undefined {
  const key = label.trim().toLowerCase();
  if (known.has(key)) return known.get(key);
  let name: string | undefined;
  try {
    name = new TextDecoder(key).encoding;
  } catch {
    name = undefined;
  }
  if (known.size < 64) known.set(key, name);
  return name;
}

const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;]*))/i;

/** Whether a Content-Type's charset, if it names one, is one blocks can be inserted into. */
export function insertableType(contentType: string): boolean {
  const match = CHARSET_PARAM.exec(contentType);
  if (!match) return true;
  const name = encodingOf(match[1] ?? match[2] ?? "");
  return name !== undefined && !NOT_ASCII.has(name);
}

/** How far into a page a browser looks for a <meta> charset. */
export const META_WINDOW = 1024;
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"';>/]+)/gi;
const latin1 = new TextDecoder("windows-1252");

/** Whether a Content-Type names a charset (which then outranks any <meta>). */
export function declaresCharset(contentType: string): boolean {
  return CHARSET_PARAM.test(contentType);
}

/**
 * Whether a page's first bytes leave it insertable: a UTF-16 byte-order
 * mark overrides whatever the headers say, and, when they name no charset,
 * the first <meta> charset a browser knows decides (a UTF-16 label there
 * means UTF-8, as browsers read it).
 */
export function insertableHead(head: Uint8Array, headerCharset: boolean): boolean {
  const [first, second] = head;
  if ((first === 0xfe && second === 0xff) || (first === 0xff && second === 0xfe)) return false;
  if (headerCharset) return true;
  const text = latin1.decode(head.subarray(0, META_WINDOW));
  for (const match of text.matchAll(META_CHARSET)) {
    const name = encodingOf(match[1] ?? "");
    if (name !== undefined) return name !== "iso-2022-jp";
  }
  return true;
}
