/**
 * One KV key, read and written with wrangler's own commands against a
 * KvTarget: the ruleset, the edge cache's state. KV has no compare-and-swap:
 * an edit reads, changes and writes the whole value, and of two edits at the
 * same moment the later write wins.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KvTarget, kvTargetArgs } from "./kvTarget";
import type { WranglerRunner } from "./wrangler";

export interface KvKey {
  readonly binding: string;
  readonly key: string;
}

/** What `wrangler kv key get` prints, on stdout, for a missing key. */
const NOT_FOUND = "Value not found";

/** Arguments for `wrangler kv key get|put KEY …` against the target. */
export function kvKeyArgs(verb: "get" | "put", { binding, key }: KvKey, target: KvTarget, path?: string): string[] {
  return ["kv", "key", verb, key, ...(path === undefined ? [] : ["--path", path]), ...kvTargetArgs(binding, target)];
}

/** The value's text; undefined when the key holds nothing. */
export async function readKvKey(run: WranglerRunner, kvKey: KvKey, target: KvTarget): Promise<string | undefined> {
  // Without --text wrangler writes the stored bytes as they are.
  const { stdout } = await run(kvKeyArgs("get", kvKey, target));
  return stdout.trim() === NOT_FOUND ? undefined : stdout;
}

/** Writes `text` as the value, through a file so that no shell or argument limit touches it. */
export async function writeKvKey(run: WranglerRunner, kvKey: KvKey, target: KvTarget, text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "tact-kv-"));
  try {
    const path = join(dir, "value.json");
    await writeFile(path, text);
    await run(kvKeyArgs("put", kvKey, target, path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
