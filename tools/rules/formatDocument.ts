/**
 * Writes a ruleset document out the way the repository formats JSON
 * (prettier with the project's settings), so that editing a file with
 * `toggle --file` changes only the lines that changed, and what `pull` prints
 * matches kv-seed/ruleset.json's layout.
 */
import { format, resolveConfig } from "prettier";

const root = new URL("../..", import.meta.url).pathname;

const REPOSITORY_JSON = `${root}kv-seed/ruleset.json`;

/** `path` picks the prettier settings that apply there; the repository's where none do. */
export async function formatDocument(document: unknown, path = REPOSITORY_JSON): Promise<string> {
  const config = (await resolveConfig(path)) ?? (await resolveConfig(REPOSITORY_JSON)) ?? {};
  // Indented first: prettier keeps an object expanded when its first key starts a line.
  return format(JSON.stringify(document, null, 2), { ...config, parser: "json" });
}
