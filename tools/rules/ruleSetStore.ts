/**
 * Where a ruleset document lives: the TACT_RULES namespace under RULESET_KEY,
 * read and written with wrangler's own KV commands (local storage, the same
 * `npm start` uses, or the account's with --remote), or a file (--file).
 *
 * KV has no compare-and-swap: an edit reads, changes and writes the whole
 * document, and of two edits at the same moment the later write wins.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";
import { CliError } from "../cli/CliError";
import { type KvTarget, describeKvTarget, kvTargetArgs } from "../shared/kvTarget";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";

export const RULES_BINDING = "TACT_RULES";

export interface RuleSetStore {
  /** "local KV", "remote KV (env production)", "kv-seed/ruleset.json" … */
  readonly label: string;
  /** The document's text; undefined when there is none yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** What `wrangler kv key get` prints, on stdout, for a missing key in local storage. */
const NOT_FOUND = "Value not found";

/** Arguments for `wrangler kv key get|put ruleset …` against the target. */
export function kvKeyArgs(verb: "get" | "put", target: KvTarget, path?: string): string[] {
  return [
    "kv",
    "key",
    verb,
    RULESET_KEY,
    ...(path === undefined ? [] : ["--path", path]),
    ...kvTargetArgs(RULES_BINDING, target),
  ];
}

export function kvRuleSetStore(target: KvTarget, run: WranglerRunner = runWrangler): RuleSetStore {
  return {
    label: describeKvTarget(target),
    async read() {
      // Without --text wrangler writes the stored bytes as they are.
      const { stdout } = await run(kvKeyArgs("get", target));
      return stdout.trim() === NOT_FOUND ? undefined : stdout;
    },
    async write(text) {
      const dir = await mkdtemp(join(tmpdir(), "tact-rules-"));
      try {
        const path = join(dir, "ruleset.json");
        await writeFile(path, text);
        await run(kvKeyArgs("put", target, path));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export function fileRuleSetStore(path: string, label = path): RuleSetStore {
  return {
    label,
    async read() {
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`${label}: no such file`);
        throw error;
      }
    },
    async write(text) {
      await writeFile(path, text);
    },
  };
}
