/**
 * `npm run bench:cache`: a product page the origin takes 300 ms to make, and
 * lets a shared cache keep, asked for through tact with its edge cache on,
 * next to the origin itself, a pass-through Worker, a pass-through Worker
 * that serves the page from the Cache API, and tact without the edge cache.
 * Every contender runs in a workerd process of its own; rounds interleave
 * them. Prints the table and the targets, and writes bench/EDGE-CACHE.md.
 *
 *   npm run bench:cache                     5 rounds
 *   npm run bench:cache -- --rounds 9       more rounds (also --samples, --seconds, --connections)
 *   npm run bench:cache -- --quick          one short round, to try the harness
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { buildBundle } from "./contenders/buildBundle";
import { type RunningWorker, startWorker } from "./contenders/startWorker";
import { seedTact, tactData } from "./contenders/tactData";
import { loadRun } from "../tools/shared/loadRun";
import { cpuNanos } from "../tools/shared/procStats";
import { timeRequest } from "./measure/timeRequest";
import { madePage } from "./origin/benchPages";
import { startOrigin } from "./origin/startOrigin";
import { environment, loadAverage } from "./report/environment";
import {
  type CacheContender,
  type CacheSamples,
  cacheReport,
  cacheTable,
  cacheTargets,
} from "./report/edgeCacheReport";
import { text } from "./report/tables";

const benchDir = new URL(".", import.meta.url).pathname;
const root = new URL("../", import.meta.url).pathname;
const outDir = join(benchDir, "out", "edge-cache");

function settingsFromArgs() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string" },
      samples: { type: "string" },
      seconds: { type: "string" },
      connections: { type: "string" },
      quick: { type: "boolean", default: false },
    },
  });
  const number = (value: string | undefined, fallback: number): number => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${value}`);
    return n;
  };
  const quick = values.quick === true;
  const args = process.argv.slice(2).join(" ");
  return {
    rounds: number(values.rounds, quick ? 1 : 5),
    samples: number(values.samples, quick ? 5 : 30),
    seconds: number(values.seconds, quick ? 1 : 2),
    connections: number(values.connections, 10),
    command: `npm run bench:cache${args ? ` -- ${args}` : ""}`,
  };
}

const HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-language": "it-IT,it;q=0.9,en;q=0.8",
  "sec-fetch-dest": "document",
};

/** The demo ruleset, with the edge cache on for product pages or not. */
async function rulesets(): Promise<{ cached: string; uncached: string }> {
  const { readFile } = await import("node:fs/promises");
  const document = JSON.parse(await readFile(join(root, "kv-seed/ruleset.json"), "utf8")) as { settings: object };
  const cached = { ...document, settings: { ...document.settings, edgeCache: { pages: ["/products/*"] } } };
  return { cached: JSON.stringify(cached), uncached: JSON.stringify(document) };
}

async function startAll(originUrl: string): Promise<{ contenders: CacheContender[]; workers: RunningWorker[] }> {
  const tact = await tactData(180 * 86_400);
  const { cached, uncached } = await rulesets();
  const tactConfig = join(root, "wrangler.toml");
  const builds = {
    pass: await buildBundle({ config: join(root, "bench/workers/passThrough.toml"), outdir: join(outDir, "pass") }),
    cachedPass: await buildBundle({
      config: join(root, "bench/workers/cachedPassThrough.toml"),
      outdir: join(outDir, "cachedPass"),
    }),
    tact: await buildBundle({
      config: tactConfig,
      entry: join(root, "bench/workers/tactMemoryKv.ts"),
      outdir: join(outDir, "tact"),
    }),
  };
  const workers: RunningWorker[] = [];
  const start = async (id: string, script: string, config: string, bindings: Record<string, string>) => {
    const worker = await startWorker({ script, config, bindings, logFile: join(outDir, `${id}.log`) });
    workers.push(worker);
    return worker;
  };
  const cookie = tact.cookie.replace(/; gbuuid=.*$/, "");
  const tactBindings = { ORIGIN_URL: originUrl, TACT_KEYS: tact.keys };
  const pass = await start("pass", builds.pass.script, join(root, "bench/workers/passThrough.toml"), {
    ORIGIN_URL: originUrl,
  });
  const cachedPass = await start(
    "cachedPass",
    builds.cachedPass.script,
    join(root, "bench/workers/cachedPassThrough.toml"),
    {
      ORIGIN_URL: originUrl,
    },
  );
  const tactCache = await start("tactCache", builds.tact.script, tactConfig, tactBindings);
  await seedTact(tactCache, tact, cached);
  const tactOrigin = await start("tactOrigin", builds.tact.script, tactConfig, tactBindings);
  await seedTact(tactOrigin, tact, uncached);
  const contenders: CacheContender[] = [
    { id: "origin", label: "origin", url: originUrl, pid: undefined, cookie: "" },
    { id: "pass", label: "pass-through", url: pass.url.href, pid: pass.pid, cookie: "" },
    { id: "cachedPass", label: "cached pass-through", url: cachedPass.url.href, pid: cachedPass.pid, cookie: "" },
    { id: "tactCache", label: "tact, edge cache", url: tactCache.url.href, pid: tactCache.pid, cookie },
    { id: "tactOrigin", label: "tact, no edge cache", url: tactOrigin.url.href, pid: tactOrigin.pid, cookie },
  ];
  return { contenders, workers };
}

const urlOf = (contender: CacheContender): string => new URL(madePage().path, contender.url).href;
const headersOf = (contender: CacheContender): Record<string, string> =>
  contender.cookie ? { ...HEADERS, cookie: contender.cookie } : HEADERS;

/** Checks each contender answers the page, and that tact's edge cache serves it personalized. */
async function verify(contenders: readonly CacheContender[]): Promise<void> {
  for (const contender of contenders) {
    // Twice: the first fills the caches (and lets tact's isolate read its ruleset and cache state).
    for (let i = 0; i < 3; i += 1)
      await timeRequest({ url: urlOf(contender), headers: headersOf(contender), agent: false });
    const timing = await timeRequest({
      url: urlOf(contender),
      headers: headersOf(contender),
      agent: false,
      keepBody: true,
    });
    const body = timing.body?.toString("utf8") ?? "";
    if (timing.status !== 200 || !body.includes("</html>")) throw new Error(`${contender.label}: no whole page`);
    const personalized = body.includes("data-tact-rule");
    if (contender.id.startsWith("tact") !== personalized)
      throw new Error(`${contender.label}: personalized is ${personalized}`);
    if (contender.id === "tactCache" && timing.headers["x-tact-edge-cache"] !== "hit") {
      throw new Error(`tact, edge cache: x-tact-edge-cache is ${String(timing.headers["x-tact-edge-cache"])}, not hit`);
    }
  }
}

async function measure(
  contenders: readonly CacheContender[],
  settings: ReturnType<typeof settingsFromArgs>,
  say: (line: string) => void,
) {
  const samples = new Map<string, CacheSamples>(
    contenders.map((c) => [c.id, { firstByte: [], total: [], rps: [], cpuMs: [] }]),
  );
  const cellOf = (contender: CacheContender): CacheSamples => {
    const cell = samples.get(contender.id);
    if (!cell) throw new Error(`no samples for ${contender.id}`);
    return cell;
  };
  for (let round = 0; round < settings.rounds; round += 1) {
    const shift = round % contenders.length;
    const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    for (let i = 0; i < settings.samples; i += 1) {
      for (const contender of order) {
        const timing = await timeRequest({ url: urlOf(contender), headers: headersOf(contender), agent: false });
        cellOf(contender).firstByte.push(timing.firstByteMs);
        cellOf(contender).total.push(timing.totalMs ?? Number.NaN);
      }
    }
    for (const contender of order) {
      const cpuBefore = contender.pid === undefined ? 0 : cpuNanos(contender.pid);
      const load = await loadRun({
        url: urlOf(contender),
        headers: headersOf(contender),
        connections: settings.connections,
        seconds: settings.seconds,
      });
      const cell = cellOf(contender);
      cell.rps.push(load.rps);
      if (contender.pid !== undefined) cell.cpuMs.push((cpuNanos(contender.pid) - cpuBefore) / 1e6 / load.requests);
      if (load.failures > 0) say(`${contender.label}: ${load.failures} failed requests in round ${round + 1}`);
    }
    say(`round ${round + 1} of ${settings.rounds} done`);
  }
  return samples;
}

async function main(): Promise<void> {
  const started = Date.now();
  const settings = settingsFromArgs();
  const env = environment();
  const say = (line: string) =>
    console.log(`[bench:cache ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const origin = await startOrigin();
  const { contenders, workers } = await startAll(origin.url).catch((error: unknown) => {
    origin.stop();
    throw error;
  });
  try {
    await verify(contenders);
    say("every contender checked");
    const samples = await measure(contenders, settings, say);
    const table = cacheTable(contenders, samples);
    const targets = cacheTargets(samples);
    console.log(`\n${text(table)}\n\n${text(targets.table)}\n`);
    const report = cacheReport({
      command: settings.command,
      environment: env,
      loadAfter: loadAverage(),
      settings,
      table,
      targets,
    });
    const file = join(benchDir, "EDGE-CACHE.md");
    await writeFile(file, await format(report, { ...((await resolveConfig(file)) ?? {}), filepath: file }));
    say("wrote bench/EDGE-CACHE.md");
    if (!targets.pass) say("some targets were missed (see above)");
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.dispose()));
    origin.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
