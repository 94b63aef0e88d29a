/**
 * The language of a block's copy: the shopper's most preferred language that
 * the ruleset has copy in, else the ruleset's first language.
 */
import { parseAccept } from "hono/utils/accept";

export function chooseLanguage(
  acceptLanguage: string | null,
  languages: readonly [string, ...string[]] | readonly string[],
): string {
  const fallback = languages[0] ?? "en";
  if (!acceptLanguage) return fallback;
  const wanted = parseAccept(acceptLanguage)
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const entry of wanted) {
    const primary = entry.type.split("-")[0]?.toLowerCase();
    if (primary && languages.includes(primary)) return primary;
  }
  return fallback;
}
