/**
 * What the import says when it is done: how many products were read,
 * accepted and refused (each refusal with every reason it had), the
 * categories, the related items and the entries written. When nothing was
 * accepted it says so plainly, and nothing about entries.
 */
import { basename } from "node:path";
import type { ImportedFeed } from "./importFeed";
import type { ImportArgs } from "./parseImportArgs";
import type { BulkFile } from "./writeBulkFiles";

/** Rejected rows printed before "… and N more". */
const SHOWN_REJECTIONS = 20;
const SHOWN_CATEGORIES = 30;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** Products read, accepted and refused, and each refusal. */
export function countLines(args: ImportArgs, format: string, result: ImportedFeed): string[] {
  const { catalog, rejections } = result;
  const lines = [
    `${args.feed} (${format})`,
    `  products read   ${result.read}`,
    `  accepted        ${catalog.products.length}`,
    `  rejected        ${rejections.length}`,
  ];
  for (const rejection of rejections.slice(0, SHOWN_REJECTIONS)) {
    lines.push(`    line ${rejection.line}${rejection.id ? ` (${rejection.id})` : ""}: ${rejection.reason}`);
  }
  if (rejections.length > SHOWN_REJECTIONS) {
    const where = args.rejects ? `all of them in ${args.rejects}` : "--rejects <file.tsv> lists them all";
    lines.push(`    … and ${rejections.length - SHOWN_REJECTIONS} more (${where})`);
  }
  return lines;
}

function categoryLines(result: ImportedFeed): string[] {
  const { categories } = result.catalog;
  const named = categories.map(
    (c) => `${c.slug} ${result.categoryCounts.get(c.slug) ?? 0}${c.sensitive ? " (sensitive)" : ""}`,
  );
  const sensitive = categories.filter((c) => c.sensitive).length;
  const more = named.length > SHOWN_CATEGORIES ? `, … ${named.length - SHOWN_CATEGORIES} more` : "";
  const lines = [
    `  categories      ${categories.length}, ${sensitive} sensitive: ${named.slice(0, SHOWN_CATEGORIES).join(", ")}${more}`,
  ];
  if (result.categoriesOverLimit > 0) {
    lines.push(`    the preferences page lists the 200 largest; ${result.categoriesOverLimit} are left off it`);
  }
  return lines;
}

function relatedLines(args: ImportArgs, result: ImportedFeed): string[] {
  const lines: string[] = [];
  const stats = result.cooccurrence;
  if (stats) {
    lines.push(
      `  co-occurrence   ${count(stats.rows, "row")} in ${count(stats.baskets, "basket")}; ` +
        `${count(stats.unknownProducts, "row")} naming products not in the catalog` +
        (stats.oversizedBaskets > 0 ? `; ${count(stats.oversizedBaskets, "basket")} over 100 products left out` : ""),
    );
    for (const bad of stats.badRows.slice(0, SHOWN_REJECTIONS)) lines.push(`    line ${bad.line}: ${bad.reason}`);
    if (stats.badRows.length > SHOWN_REJECTIONS) {
      lines.push(`    … and ${stats.badRows.length - SHOWN_REJECTIONS} more bad rows`);
    }
  }
  const how = stats
    ? `item-to-item cosine (shrinkage ${args.shrinkage}) for ${result.fromCooccurrence} products, content similarity for the rest`
    : "content similarity (category, product type, brand, price band)";
  lines.push(`  related items   top ${args.topK} by ${how}; ${count(result.withoutRelated, "product")} without any`);
  return lines;
}

function entryLine(args: ImportArgs, files: readonly BulkFile[]): string {
  const entries = files.reduce((n, file) => n + file.entries, 0);
  const first = files[0]?.path ?? "";
  const fileList =
    args.target.kind !== "out"
      ? count(files.length, "bulk file")
      : files.length === 1
        ? first
        : `${files.length} bulk files, ${first} … ${basename(files.at(-1)?.path ?? "")}`;
  return `  entries         ${entries} (${fileList})`;
}

/** The whole summary of an import that accepted products. */
export function summaryLines(
  args: ImportArgs,
  format: string,
  result: ImportedFeed,
  files: readonly BulkFile[],
): string[] {
  return [
    ...countLines(args, format, result),
    ...categoryLines(result),
    ...relatedLines(args, result),
    entryLine(args, files),
  ];
}
