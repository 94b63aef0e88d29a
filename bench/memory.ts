/**
 * Does tact hold on to memory? Runs tact exactly as shipped (Miniflare's local
 * KV, events as log lines) and the rewrite floor, each in its own workerd, and
 * puts them through the same sustained load on the product page, printing the
 * resident memory of each workerd after every round. Whatever the runtime
 * itself keeps shows in the floor too; what tact adds is the difference.
 *
 *   npm run bench:memory                       10 rounds of 4,000 requests each
 *   npm run bench:memory -- --rounds 20 --page home
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildBundle } from "./contenders/buildBundle";
import { startWorker } from "./contenders/startWorker";
import { seedTact, tactData } from "./contenders/tactData";
import { loadRun } from "../tools/shared/loadRun";
import { memory } from "../tools/shared/procStats";
import { pageNamed } from "./origin/benchPages";
import { startOrigin } from "./origin/startOrigin";

const root = new URL("../", import.meta.url).pathname;
const outDir = join(root, "bench/out");
const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      page: { type: "string", default: "product" },
      rounds: { type: "string", default: "10" },
      requests: { type: "string", default: "4000" },
    },
  });
  const page = pageNamed(values.page);
  const rounds = Number(values.rounds);
  const amount = Number(values.requests);
  await mkdir(outDir, { recursive: true });

  const origin = await startOrigin();
  const tact = await tactData(3600);
  const configs = { tact: join(root, "wrangler.toml"), floor: join(root, "bench/workers/rewriteFloor.toml") };
  const started = [];
  try {
    for (const [name, config] of Object.entries(configs)) {
      const bundle = await buildBundle({ config, outdir: join(outDir, "build", `memory-${name}`) });
      const worker = await startWorker({
        script: bundle.script,
        config,
        bindings: name === "tact" ? { ORIGIN_URL: origin.url, TACT_KEYS: tact.keys } : { ORIGIN_URL: origin.url },
        logFile: join(outDir, `memory-${name}.log`),
      });
      started.push({ name, worker });
      if (name === "tact") await seedTact(worker, tact, tact.ruleset);
    }
    const headers = { accept: "text/html", "accept-language": "it-IT,it;q=0.9", cookie: tact.cookie };
    console.log(`${page.name} page, ${rounds} rounds of ${amount} requests at 8 connections; workerd RSS in MiB`);
    console.log(["round", ...started.map((s) => s.name)].map((cell) => cell.padStart(8)).join(""));
    const first = new Map<string, number>();
    for (let round = 1; round <= rounds; round++) {
      const cells = [String(round * amount)];
      for (const { name, worker } of started) {
        const url = new URL(page.path, worker.url).href;
        const run = await loadRun({ url, connections: 8, headers, amount });
        if (run.failures > 0) throw new Error(`${name}: ${run.failures} failed requests in round ${round}`);
        const rss = memory(worker.pid)?.rss ?? Number.NaN;
        if (!first.has(name)) first.set(name, rss);
        cells.push((rss / MIB).toFixed(1));
      }
      console.log(cells.map((cell) => cell.padStart(8)).join(""));
    }
    for (const { name, worker } of started) {
      const grown = ((memory(worker.pid)?.rss ?? Number.NaN) - (first.get(name) ?? 0)) / MIB;
      console.log(`${name}: ${grown >= 0 ? "+" : ""}${grown.toFixed(1)} MiB since the first round`);
    }
  } finally {
    await Promise.allSettled(started.map(({ worker }) => worker.dispose()));
    origin.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
