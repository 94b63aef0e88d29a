/**
 * Where a ruleset document lives: the TACT_RULES namespace under RULESET_KEY,
 * read and written with wrangler's own KV commands (local storage, the same
 * `npm start` uses, or the account's with --remote; see shared/kvKey), or a
 * file (--file).
 */
import { readFile, writeFile } from "node:fs/promises";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";
import { EnvironmentError } from "../cli/CliError";
import { type KvKey, readKvKey, writeKvKey } from "../shared/kvKey";
import { type KvTarget, describeKvTarget } from "../shared/kvTarget";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";

export const RULES_BINDING = "TACT_RULES";

export interface RuleSetStore {
  /** "local KV", "remote KV (env production)", "kv-seed/ruleset.json" … */
  readonly label: string;
  /** The document's text; undefined when there is none yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** The ruleset's place in KV. */
export const RULESET_KV_KEY: KvKey = { binding: RULES_BINDING, key: RULESET_KEY };

export function kvRuleSetStore(target: KvTarget, run: WranglerRunner = runWrangler): RuleSetStore {
  return {
    label: describeKvTarget(target),
    read: () => readKvKey(run, RULESET_KV_KEY, target),
    write: (text) => writeKvKey(run, RULESET_KV_KEY, target, text),
  };
}

export function fileRuleSetStore(path: string, label = path): RuleSetStore {
  return {
    label,
    async read() {
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new EnvironmentError(`${label}: no such file`);
        throw error;
      }
    },
    async write(text) {
      await writeFile(path, text);
    },
  };
}
