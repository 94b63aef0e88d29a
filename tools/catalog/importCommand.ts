/**
 * `tact import <feed> …`: imports a product feed into tact's catalog. See
 * IMPORT_USAGE (parseImportArgs.ts) for the arguments, and the catalog import
 * documentation for the formats and the mapping file.
 *
 * Exit codes: 0 imported (some rows may have been refused; each is listed),
 * 1 nothing imported (the feed cannot be read, or no product was accepted),
 * 2 usage or environment error (bad arguments, a missing file, wrangler failing).
 */
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as v from "valibot";
import { CliError, EnvironmentError, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { runCommand } from "../cli/runCommand";
import { parseJsonText } from "../shared/parseJson";
import { type CategoryMapping, CategoryMappingSchema, DEFAULT_CATEGORY_MAPPING } from "./CategoryMapping";
import { FeedSyntaxError } from "./FeedRecord";
import { catalogEntries, countCatalogEntries } from "./catalogEntries";
import { idFromLink } from "./idFromLink";
import { type ImportFeedOptions, type ImportedFeed, importFeed } from "./importFeed";
import { countLines, megabytes, seconds, summaryLines } from "./importSummary";
import { IMPORT_USAGE, type ImportArgs, parseImportArgs } from "./parseImportArgs";
import { pushBulkFiles } from "./pushBulkFiles";
import { detectFeedFormat } from "./readFeed";
import { type BulkFile, writeBulkFiles } from "./writeBulkFiles";

async function readable(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new EnvironmentError(`cannot read the ${what} ${path}`);
  }
}

async function loadMapping(path: string): Promise<CategoryMapping> {
  await readable(path, "mapping file");
  let json: unknown;
  try {
    json = parseJsonText(await readFile(path, "utf8"), path);
  } catch (error) {
    throw new EnvironmentError((error as Error).message);
  }
  const parsed = v.safeParse(CategoryMappingSchema, json);
  if (parsed.success) return parsed.output;
  const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`);
  throw new EnvironmentError(`${path} is not a valid mapping:\n  ${problems.join("\n  ")}`);
}

/** Everything the import needs, checked before any of the work starts. */
async function importOptions(args: ImportArgs): Promise<ImportFeedOptions> {
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
  const shopify = { currency: args.currency, baseUrl: args.baseUrl };
  const { feed, cooccurrence, topK, shrinkage } = args;
  return { feed, format, mapping, cooccurrence, topK, shrinkage, idFromLink: fromLink, shopify, now: Date.now() };
}

/** Writes the entries where the command line says: a bulk file, or a temporary one pushed to KV. */
async function writeEntries(
  args: ImportArgs,
  result: ImportedFeed,
  tempDir: () => Promise<string>,
): Promise<BulkFile[]> {
  const entries = catalogEntries(result.catalog);
  const total = countCatalogEntries(result.catalog);
  if (args.target.kind === "out") {
    await mkdir(dirname(args.target.path), { recursive: true });
    return writeBulkFiles(entries, args.target.path, total);
  }
  return writeBulkFiles(entries, join(await tempDir(), "catalog.json"), total);
}

/** A heap sampler: the peak is what matters, and heap use is only known when sampled. */
function heapPeak(): { sample: () => void; peak: () => number; stop: () => void } {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 25);
  timer.unref();
  return { sample, peak: () => peak, stop: () => clearInterval(timer) };
}

async function runFeed(args: ImportArgs, io: CliIo, tempDir: () => Promise<string>): Promise<number> {
  const started = performance.now();
  const heap = heapPeak();
  try {
    const options = await importOptions(args);
    const result = await importFeed(options).catch((error: unknown) => {
      if (!(error instanceof FeedSyntaxError)) throw error;
      throw new CliError(`nothing imported: ${args.feed}, ${error.message}`);
    });
    const imported = performance.now();
    heap.sample();
    if (args.rejects) {
      const rows = result.rejections.map((r) => [r.line, r.id ?? "", r.reason.replace(/[\t\n]/g, " ")].join("\t"));
      await writeFile(args.rejects, ["line\tid\treason", ...rows].join("\n") + "\n");
    }
    if (result.catalog.products.length === 0) {
      countLines(args, options.format, result).forEach((line) => io.out(line));
      const none =
        result.read === 0
          ? `${args.feed} holds no products`
          : result.read === 1
            ? `the one product in ${args.feed} was refused`
            : `none of the ${result.read} products in ${args.feed} was accepted`;
      throw new CliError(`nothing imported: ${none}`);
    }
    const files = await writeEntries(args, result, tempDir);
    const written = performance.now();
    heap.sample();
    summaryLines(args, options.format, result, files).forEach((line) => io.out(line));
    if (args.target.kind !== "out") {
      io.out(`  pushing to ${args.target.kind} KV${args.target.env ? ` (env ${args.target.env})` : ""} …`);
      await pushBulkFiles(files, args.target, (message) => io.out(`    ${message}`));
    }
    const done = performance.now();
    const cpu = process.cpuUsage();
    const push = args.target.kind === "out" ? "" : `, push ${seconds(done - written)}`;
    io.out(
      `  time            ${seconds(done - started)} (feed and related items ${seconds(imported - started)}, ` +
        `entries ${seconds(written - imported)}${push}); CPU ${seconds((cpu.user + cpu.system) / 1000)}`,
    );
    // maxRSS is the true peak of this process (wrangler runs in its own); heap use is sampled.
    const rss = megabytes(process.resourceUsage().maxRSS * 1024);
    io.out(`  peak memory     RSS ${rss}, heap used ≈ ${megabytes(heap.peak())} (sampled)`);
    return 0;
  } finally {
    heap.stop();
  }
}

/** Runs `tact import …`; resolves to the exit code. */
export function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "import", async () => {
    const args = parseImportArgs(argv);
    if (args === "help") {
      io.out(IMPORT_USAGE);
      return 0;
    }
    let dir: string | undefined;
    try {
      return await runFeed(args, io, async () => (dir ??= await mkdtemp(join(tmpdir(), "tact-import-"))));
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  });
}
