/**
 * `npm run import -- <feed> …`: imports a product feed into tact's catalog.
 * See IMPORT_USAGE (parseImportArgs.ts) for the arguments and README,
 * "Importing a catalog", for the formats and the mapping file.
 *
 * Exit status: 0 imported (some rows may have been rejected, and are listed),
 * 1 the import failed (unreadable feed, nothing accepted, wrangler failed),
 * 2 bad arguments.
 */
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as v from "valibot";
import { type CategoryMapping, CategoryMappingSchema, DEFAULT_CATEGORY_MAPPING } from "./CategoryMapping";
import { FeedSyntaxError } from "./FeedRecord";
import { catalogEntries, countCatalogEntries } from "./catalogEntries";
import { idFromLink } from "./idFromLink";
import { type ImportedFeed, importFeed } from "./importFeed";
import { IMPORT_USAGE, type ImportArgs, UsageError, parseImportArgs } from "./parseImportArgs";
import { pushBulkFiles } from "./pushBulkFiles";
import { detectFeedFormat } from "./readFeed";
import { type BulkFile, writeBulkFiles } from "./writeBulkFiles";

/** Rejected rows printed before "… and N more". */
const SHOWN_REJECTIONS = 20;
const SHOWN_CATEGORIES = 30;

async function readable(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new UsageError(`cannot read the ${what} ${path}`);
  }
}

async function loadMapping(path: string): Promise<CategoryMapping> {
  await readable(path, "mapping file");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(CategoryMappingSchema, json);
  if (parsed.success) return parsed.output;
  const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`);
  throw new UsageError(`${path} is not a valid mapping:\n  ${problems.join("\n  ")}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function summarize(args: ImportArgs, format: string, result: ImportedFeed, files: readonly BulkFile[]): string[] {
  const { catalog, rejections } = result;
  const lines = [
    `Imported ${args.feed} (${format})`,
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
  const categories = catalog.categories.map(
    (c) => `${c.slug} ${result.categoryCounts.get(c.slug) ?? 0}${c.sensitive ? " (sensitive)" : ""}`,
  );
  const sensitive = catalog.categories.filter((c) => c.sensitive).length;
  lines.push(
    `  categories      ${catalog.categories.length}, ${sensitive} sensitive: ${categories.slice(0, SHOWN_CATEGORIES).join(", ")}` +
      (categories.length > SHOWN_CATEGORIES ? `, … ${categories.length - SHOWN_CATEGORIES} more` : ""),
  );
  if (result.categoriesOverLimit > 0) {
    lines.push(`    the preferences page lists the 200 largest; ${result.categoriesOverLimit} are left off it`);
  }
  const stats = result.cooccurrence;
  if (stats) {
    lines.push(
      `  co-occurrence   ${count(stats.rows, "row")} in ${count(stats.baskets, "basket")}; ` +
        `${count(stats.unknownProducts, "row")} naming products not in the catalog` +
        (stats.oversizedBaskets > 0 ? `; ${count(stats.oversizedBaskets, "basket")} over 100 products left out` : ""),
    );
    for (const bad of stats.badRows.slice(0, SHOWN_REJECTIONS)) lines.push(`    line ${bad.line}: ${bad.reason}`);
    if (stats.badRows.length > SHOWN_REJECTIONS)
      lines.push(`    … and ${stats.badRows.length - SHOWN_REJECTIONS} more bad rows`);
  }
  const how = stats
    ? `item-to-item cosine (shrinkage ${args.shrinkage}) for ${result.fromCooccurrence} products, content similarity for the rest`
    : "content similarity (category, product type, brand, price band)";
  lines.push(`  related items   top ${args.topK} by ${how}; ${count(result.withoutRelated, "product")} without any`);
  const entries = files.reduce((n, file) => n + file.entries, 0);
  const fileList =
    args.target.kind !== "out"
      ? count(files.length, "bulk file")
      : files.length === 1
        ? (files[0]?.path ?? "")
        : `${files.length} bulk files, ${files[0]?.path ?? ""} … ${basename(files[files.length - 1]?.path ?? "")}`;
  lines.push(`  entries         ${entries} (${fileList})`);
  return lines;
}

export async function runImport(argv: readonly string[], log: (line: string) => void = console.log): Promise<number> {
  const started = performance.now();
  let peakHeap = 0;
  const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const sampler = setInterval(sampleHeap, 25);
  sampler.unref();
  let tempDir: string | undefined;
  try {
    const args = parseImportArgs(argv);
    if (args === "help") {
      log(IMPORT_USAGE);
      return 0;
    }
    await readable(args.feed, "feed");
    const format = args.format ?? (await detectFeedFormat(args.feed));
    if (!format) throw new UsageError(`cannot tell what format ${args.feed} is in; pass --format`);
    if (format === "shopify" && !args.currency) {
      throw new UsageError("a Shopify feed has no currency: pass --currency, e.g. --currency EUR");
    }
    if (format !== "shopify" && (args.currency || args.baseUrl)) {
      throw new UsageError("--currency and --base-url are for Shopify feeds; Merchant feeds carry both");
    }
    const mapping = args.mapping ? await loadMapping(args.mapping) : DEFAULT_CATEGORY_MAPPING;
    if (args.cooccurrence) await readable(args.cooccurrence, "co-occurrence file");
    let fromLink: ((link: string) => string | undefined) | undefined;
    try {
      fromLink = args.idFromLink === undefined ? undefined : idFromLink(args.idFromLink);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    const result = await importFeed({
      feed: args.feed,
      format,
      mapping,
      cooccurrence: args.cooccurrence,
      topK: args.topK,
      shrinkage: args.shrinkage,
      idFromLink: fromLink,
      shopify: { currency: args.currency, baseUrl: args.baseUrl },
      now: Date.now(),
    });
    const imported = performance.now();
    sampleHeap();
    if (args.rejects) {
      const rows = result.rejections.map((r) => [r.line, r.id ?? "", r.reason.replace(/[\t\n]/g, " ")].join("\t"));
      await writeFile(args.rejects, ["line\tid\treason", ...rows].join("\n") + "\n");
    }
    if (result.catalog.products.length === 0) {
      summarize(args, format, result, []).forEach((line) => log(line));
      log("No product was accepted; nothing was written.");
      return 1;
    }

    const entries = catalogEntries(result.catalog);
    const total = countCatalogEntries(result.catalog);
    let files: BulkFile[];
    if (args.target.kind === "out") {
      await mkdir(dirname(args.target.path), { recursive: true });
      files = await writeBulkFiles(entries, args.target.path, total);
    } else {
      tempDir = await mkdtemp(join(tmpdir(), "tact-import-"));
      files = await writeBulkFiles(entries, join(tempDir, "catalog.json"), total);
    }
    const written = performance.now();
    sampleHeap();
    summarize(args, format, result, files).forEach((line) => log(line));
    if (args.target.kind !== "out") {
      const where = `${args.target.kind} KV${args.target.env ? ` (env ${args.target.env})` : ""}`;
      log(`  pushing to ${where} …`);
      await pushBulkFiles(files, args.target, (message) => log(`    ${message}`));
    }
    const done = performance.now();
    const cpu = process.cpuUsage();
    log(
      `  time            ${seconds(done - started)} (feed and related items ${seconds(imported - started)}, ` +
        `entries ${seconds(written - imported)}${args.target.kind === "out" ? "" : `, push ${seconds(done - written)}`}); ` +
        `CPU ${seconds((cpu.user + cpu.system) / 1000)}`,
    );
    // maxRSS is the true peak of this process (wrangler runs in its own); heap use is sampled.
    log(
      `  peak memory     RSS ${megabytes(process.resourceUsage().maxRSS * 1024)}, heap used ≈ ${megabytes(peakHeap)} (sampled)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log(`import: ${error.message}`);
      log("Run `npm run import -- --help` for usage.");
      return 2;
    }
    if (error instanceof FeedSyntaxError) {
      log(`import: cannot read the feed past ${error.message}; nothing was written.`);
      return 1;
    }
    log(`import: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clearInterval(sampler);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImport(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
