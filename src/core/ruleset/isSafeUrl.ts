/**
 * Whether a URL may stand in href, src or srcset: an http(s) URL, or one
 * relative to the page. Refused: any other scheme (javascript:, data:,
 * vbscript:), "//host" and its look-alikes "/\host", "\\host" (browsers read
 * "\" as "/", so each is another site), and whitespace or control characters
 * anywhere, since browsers trim them around a URL and drop tabs and newlines
 * inside it ("java\tscript:" is javascript:).
 *
 * Used on a template's literal URLs (after decoding its character
 * references) and, when a block is rendered, on the catalog values that go
 * into URL attributes.
 */
export function isSafeUrl(url: string): boolean {
  if (/[\s\p{Cc}]/u.test(url) || /^[/\\]{2}/.test(url)) return false;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  return scheme === undefined || /^https?$/i.test(scheme);
}
