/**
 * Pushes bulk files into the TACT_CATALOG namespace with the project's own
 * wrangler, one `wrangler kv bulk put` per file, in order. Each put is
 * idempotent, so after a failure the whole import can simply be run again.
 */
import { kvTargetArgs } from "../shared/kvTarget";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";
import type { BulkFile } from "./writeBulkFiles";

export const CATALOG_BINDING = "TACT_CATALOG";

export interface PushTarget {
  readonly kind: "local" | "remote";
  /** A wrangler environment ([env.<name>] in wrangler.toml); the top level when undefined. */
  readonly env: string | undefined;
  /** With local: wrangler's state directory (default .wrangler/state). */
  readonly persistTo: string | undefined;
}

/** The wrangler arguments that push one file. */
export function bulkPutArgs(file: string, target: PushTarget): string[] {
  return [
    "kv",
    "bulk",
    "put",
    file,
    ...kvTargetArgs(CATALOG_BINDING, {
      remote: target.kind === "remote",
      env: target.env,
      persistTo: target.persistTo,
    }),
  ];
}

export async function pushBulkFiles(
  files: readonly BulkFile[],
  target: PushTarget,
  progress: (message: string) => void,
  run: WranglerRunner = runWrangler,
): Promise<void> {
  for (const [i, file] of files.entries()) {
    await run(bulkPutArgs(file.path, target));
    progress(`pushed ${i + 1}/${files.length} bulk files (${file.entries} entries)`);
  }
}
