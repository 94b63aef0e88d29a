/**
 * A block's copy in the language chosen for the page, or the nearest there is.
 */

/** The copy for `language`, falling back to the first language that has some. */
export function pickCopy(
  copy: Readonly<Record<string, string>>,
  language: string,
  languages: readonly string[],
): string {
  return (
    copy[language] ??
    languages.map((lang) => copy[lang]).find((text) => text !== undefined) ??
    Object.values(copy)[0] ??
    ""
  );
}
