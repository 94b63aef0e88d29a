/**
 * Writes KV entries as `wrangler kv bulk put` files (a JSON array of
 * `{ "key", "value" }`) as they are generated, so a large catalog is never
 * one string in memory. Cloudflare's bulk write takes at most 10,000 pairs a
 * request, so a larger catalog is split into several files: `catalog.json`
 * becomes `catalog-001.json`, `catalog-002.json`, …
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { KvEntry } from "./catalogEntries";

export const MAX_ENTRIES_PER_FILE = 10_000;
/** Entries are written in batches of about this many characters. */
const BATCH_CHARS = 1 << 20;

export interface BulkFile {
  readonly path: string;
  readonly entries: number;
  readonly bytes: number;
}

/** The files `total` entries are written to: `path` itself, or numbered siblings of it. */
export function bulkFilePaths(path: string, total: number, maxPerFile = MAX_ENTRIES_PER_FILE): string[] {
  const count = Math.max(1, Math.ceil(total / maxPerFile));
  if (count === 1) return [path];
  const extension = extname(path) || ".json";
  const stem = basename(path, extname(path));
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) =>
    join(dirname(path), `${stem}-${String(i + 1).padStart(width, "0")}${extension}`),
  );
}

export async function writeBulkFiles(
  entries: Iterable<KvEntry>,
  path: string,
  total: number,
  maxPerFile = MAX_ENTRIES_PER_FILE,
): Promise<BulkFile[]> {
  const paths = bulkFilePaths(path, total, maxPerFile);
  const written: BulkFile[] = [];
  const iterator = entries[Symbol.iterator]();
  let next = iterator.next();
  for (const filePath of paths) {
    const out = createWriteStream(filePath, { encoding: "utf8" });
    const failed = once(out, "error").then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    let batch = "[";
    let count = 0;
    let bytes = 0;
    const flush = async () => {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await Promise.race([once(out, "drain"), failed]);
      batch = "";
    };
    while (!next.done && count < maxPerFile) {
      batch += `${count === 0 ? "\n" : ",\n"}${JSON.stringify({ key: next.value.key, value: next.value.value })}`;
      count += 1;
      next = iterator.next();
      if (batch.length >= BATCH_CHARS) await flush();
    }
    batch += "\n]\n";
    await flush();
    out.end();
    await Promise.race([once(out, "finish"), failed]);
    written.push({ path: filePath, entries: count, bytes });
  }
  if (!next.done) throw new Error(`more entries than the ${total} expected`);
  return written;
}
