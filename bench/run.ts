/**
 * `npm run bench`: tact against a pass-through Worker, the rewrite floor and
 * GrowthBook's edge app, all in workerd in front of one local origin, on three
 * pages. Prints the table and the targets, and writes bench/RESULTS.md and
 * bench/chart.svg. Scratch output (bundles, workerd logs) goes to bench/out/.
 *
 *   npm run bench                          the full run, a few minutes
 *   npm run bench -- --rounds 5            more rounds (also --seconds, --connections)
 *   npm run bench -- --quick               one short round, to try the harness
 */
import { positiveNumber } from "./positiveNumber";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { type Contender, type ContenderId, startContenders } from "./contenders/contenders";
import { COOKIE_MAX_AGE_SECONDS, REQUEST_HEADERS, tactData } from "./contenders/tactData";
import { verifyContenders } from "./contenders/verifyContenders";
import { type BenchSettings, measureRounds, warmUp } from "./measure/measureRounds";
import { memory } from "../tools/shared/procStats";
import { PAGE_NAMES, buildPages } from "./origin/benchPages";
import { startOrigin } from "./origin/startOrigin";
import { bundleBreakdown, largestFiles } from "./report/bundleBreakdown";
import { renderChart } from "./report/chart";
import { environment, loadAverage } from "./report/environment";
import { type ReportInput, resultsMarkdown } from "./report/resultsMarkdown";
import { summarize } from "./report/summarize";
import { growthbookTable, layersTable, resultsTable, targetsTable, text } from "./report/tables";

const benchDir = new URL(".", import.meta.url).pathname;
const outDir = join(benchDir, "out");

function settingsFromArgs(): { settings: BenchSettings; command: string } {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string" },
      seconds: { type: "string" },
      connections: { type: "string" },
      quick: { type: "boolean", default: false },
    },
  });
  const number = positiveNumber;
  const quick = values.quick === true;
  const settings: BenchSettings = {
    connections: number(values.connections, 10),
    rounds: number(values.rounds, quick ? 1 : 3),
    seconds: number(values.seconds, quick ? 1 : 2),
    slowRequestsPerConnection: 1,
    samples: quick ? 5 : 40,
  };
  const args = process.argv.slice(2).join(" ");
  return { settings, command: `npm run bench${args ? ` -- ${args}` : ""}` };
}

/** How often GrowthBook's SDK asked the origin (standing in for its API host) for features. */
async function featureFetches(originUrl: string): Promise<number> {
  const stats = (await (await fetch(new URL("/__bench/stats", originUrl))).json()) as Record<string, number>;
  return Object.entries(stats)
    .filter(([path]) => path.startsWith("/api/features/"))
    .reduce((sum, [, n]) => sum + n, 0);
}

function bundleShares(bundle: Contender["bundle"]): ReportInput["tactBundle"] {
  return {
    shipped: bundle ? bundleBreakdown(bundle.metafile) : [],
    minified: bundle?.minifiedMetafile ? bundleBreakdown(bundle.minifiedMetafile) : [],
    largest: bundle?.minifiedMetafile ? largestFiles(bundle.minifiedMetafile, 10) : [],
  };
}

/** bench/RESULTS.md and bench/chart.svg. */
async function writeResults(input: ReportInput): Promise<void> {
  const { environment: env, settings, command, contenders, pages, summary } = input;
  const subtitle = `${env.date} · ${env.cpus} CPUs (${env.cpuModel}) · ${settings.connections} connections · medians of ${settings.rounds} rounds · ${command}`;
  // Formatted as the repository's Prettier config says, so `prettier --check .` passes.
  const resultsFile = join(benchDir, "RESULTS.md");
  const prettier = (await resolveConfig(resultsFile)) ?? {};
  await writeFile(resultsFile, await format(resultsMarkdown(input), { ...prettier, filepath: resultsFile }));
  await writeFile(join(benchDir, "chart.svg"), renderChart(summary, contenders, pages, subtitle));
}

async function main(): Promise<void> {
  const started = Date.now();
  const { settings, command } = settingsFromArgs();
  const env = environment();
  const say = (line: string) =>
    console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  await mkdir(outDir, { recursive: true });

  const pageMap = buildPages();
  const pages = PAGE_NAMES.map((name) => pageMap[name]);
  const origin = await startOrigin();
  say(`origin on ${origin.url}`);
  const tact = await tactData(COOKIE_MAX_AGE_SECONDS);
  const headers = { ...REQUEST_HEADERS, cookie: tact.cookie };
  say("building the Workers (wrangler deploy --dry-run) and starting workerd…");
  const running = await startContenders(origin.url, outDir, tact).catch((error: unknown) => {
    origin.stop();
    throw error;
  });
  const { contenders } = running;
  try {
    say(`running: ${contenders.map((c) => `${c.label} ${c.url.host}${c.pid ? ` (pid ${c.pid})` : ""}`).join(", ")}`);
    const verified = await verifyContenders(contenders, pages, headers);
    say("every contender checked; warming up…");
    await warmUp(contenders, pages, settings, headers);
    const samples = await measureRounds(contenders, pages, settings, headers, say);

    const peakRss = new Map<ContenderId, number>();
    for (const c of contenders) if (c.pid !== undefined) peakRss.set(c.id, memory(c.pid)?.peak ?? Number.NaN);
    const summary = summarize(contenders, pages, samples, verified, peakRss);
    await writeResults({
      command,
      environment: env,
      loadAfter: loadAverage(),
      elapsedSeconds: (Date.now() - started) / 1000,
      settings,
      pages,
      contenders,
      summary,
      tactRules: verified.tactRules,
      tactBundle: bundleShares(contenders.find((c) => c.id === "tact")?.bundle),
      peakRss,
      growthbookFeatureFetches: await featureFetches(origin.url),
    });

    console.log(`\n${text(resultsTable(summary, contenders, pages))}\n`);
    console.log(`${text(layersTable(summary, pages))}\n`);
    console.log(`${text(growthbookTable(summary))}\n`);
    console.log(`${text(targetsTable(summary))}\n`);
    say("wrote bench/RESULTS.md and bench/chart.svg");
    if (summary.targets.some((t) => !t.pass)) say("some targets were missed (see above)");
  } finally {
    await running.dispose();
    origin.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
