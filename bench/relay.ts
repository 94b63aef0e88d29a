/**
 * What JavaScript around HTMLRewriter costs, next to what tact costs:
 * the rewrite floor, the floor with JavaScript carrying its input, its
 * output or both (bench/workers/relayFloor.ts), and tact, each in its own
 * workerd process, on one bench page. Rounds rotate the order of the
 * contenders; CPU is the process's, per request served. Writes bench/RELAY.md.
 *
 *   npm run bench:relay                          the 2 MiB page, 6 rounds
 *   npm run bench:relay -- --page home --rounds 8 --seconds 3
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { loadRun } from "../tools/shared/loadRun";
import { cpuNanos } from "../tools/shared/procStats";
import { median } from "../tools/shared/statistics";
import { buildBundle } from "./contenders/buildBundle";
import { type RunningWorker, startWorker } from "./contenders/startWorker";
import { COOKIE_MAX_AGE_SECONDS, REQUEST_HEADERS, seedTact, tactData } from "./contenders/tactData";
import { pageNamed } from "./origin/benchPages";
import { startOrigin } from "./origin/startOrigin";
import { positiveNumber } from "./positiveNumber";
import { FIXED_BLOCK_MARKER } from "./workers/fixedBlock";
import { environment, loadAverage } from "./report/environment";

const benchDir = new URL(".", import.meta.url).pathname;
const outDir = join(benchDir, "out", "relay");
const root = join(benchDir, "..");

const FLOORS = [
  ["floor", "rewrite floor: the runtime carries both sides"],
  ["in", "JavaScript feeds the rewriter"],
  ["out", "JavaScript reads the rewriter's output"],
  ["both", "JavaScript on both sides (the least a recovering relay does)"],
] as const;

interface Contender {
  readonly label: string;
  readonly worker: RunningWorker;
  readonly cpuMs: number[];
}

async function startAll(originUrl: string): Promise<{ contenders: Contender[]; cookie: string }> {
  const floorConfig = join(benchDir, "workers/relayFloor.toml");
  const tactConfig = join(root, "wrangler.toml");
  const [floor, tact] = await Promise.all([
    buildBundle({ config: floorConfig, outdir: join(outDir, "build", "relayFloor") }),
    buildBundle({
      config: tactConfig,
      entry: join(benchDir, "workers/tactMemoryKv.ts"),
      outdir: join(outDir, "build", "tact"),
    }),
  ]);
  const data = await tactData(COOKIE_MAX_AGE_SECONDS);
  const contenders: Contender[] = [];
  for (const [variant, label] of FLOORS) {
    const worker = await startWorker({
      script: floor.script,
      config: floorConfig,
      bindings: { ORIGIN_URL: originUrl, VARIANT: variant },
      logFile: join(outDir, `${variant}.log`),
    });
    contenders.push({ label, worker, cpuMs: [] });
  }
  const worker = await startWorker({
    script: tact.script,
    config: tactConfig,
    bindings: { ORIGIN_URL: originUrl, TACT_KEYS: data.keys },
    analyticsEngine: { TACT_EVENTS: { dataset: "tact_events" } },
    logFile: join(outDir, "tact.log"),
  });
  contenders.push({ label: "tact", worker, cpuMs: [] });
  await seedTact(worker, data, data.ruleset);
  return { contenders, cookie: data.cookie };
}

/**
 * Before measuring: every variant answers the floor's page byte for byte (the
 * fixed block in it), and tact fills its slot. Relays that dropped or mangled
 * bytes would be cheap for the wrong reason.
 */
async function verify(contenders: readonly Contender[], path: string, headers: Record<string, string>): Promise<void> {
  const bodies = await Promise.all(
    contenders.map(async ({ worker }) =>
      Buffer.from(await (await fetch(new URL(path, worker.url), { headers })).arrayBuffer()),
    ),
  );
  const [floor] = bodies;
  if (!floor?.includes(FIXED_BLOCK_MARKER)) throw new Error("the rewrite floor did not insert the fixed block");
  contenders.forEach(({ label }, i) => {
    const body = bodies[i] ?? Buffer.alloc(0);
    const wrong = label === "tact" ? !body.includes("data-tact-rule=") : !body.equals(floor);
    if (wrong) throw new Error(`${label}: not the page it should answer (${body.length} bytes)`);
  });
}

function table(contenders: readonly Contender[]): string {
  const floor = median(contenders[0]?.cpuMs ?? []);
  const rows = contenders.map(({ label, cpuMs }) => {
    const m = median(cpuMs);
    const range = `${Math.min(...cpuMs).toFixed(2)}–${Math.max(...cpuMs).toFixed(2)}`;
    return `| ${label} | ${m.toFixed(2)} | ${range} | ${(m / floor).toFixed(2)}× |`;
  });
  return ["| contender | CPU ms/req | range over rounds | × floor |", "| --- | ---: | ---: | ---: |", ...rows].join(
    "\n",
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { page: { type: "string", default: "slow" }, rounds: { type: "string" }, seconds: { type: "string" } },
  });
  const page = pageNamed(values.page ?? "slow");
  const rounds = positiveNumber(values.rounds, 6);
  const seconds = positiveNumber(values.seconds, 2);
  const env = environment();
  const origin = await startOrigin();
  const { contenders, cookie } = await startAll(origin.url);
  const headers = { ...REQUEST_HEADERS, cookie };
  const run = (c: Contender, connections = 10) =>
    loadRun({
      url: new URL(page.path, c.worker.url).href,
      connections,
      headers,
      ...(page.stream ? { amount: connections } : { seconds }),
    });
  try {
    await verify(contenders, page.path, headers);
    for (const c of contenders) await run(c, 3);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(i + round) % contenders.length] as Contender;
        const before = cpuNanos(c.worker.pid);
        const result = await run(c);
        if (result.failures > 0) throw new Error(`${c.label}: ${result.failures} failed answers`);
        c.cpuMs.push((cpuNanos(c.worker.pid) - before) / 1e6 / Math.max(1, result.requests));
      }
      console.log(`[bench:relay] round ${round + 1} of ${rounds} done`);
    }
  } finally {
    await Promise.allSettled(contenders.map((c) => c.worker.dispose()));
    origin.stop();
  }
  const args = process.argv.slice(2).join(" ");
  const markdown = [
    "# What JavaScript around HTMLRewriter costs",
    "",
    "Written by `npm run bench:relay` (bench/relay.ts); do not edit by hand.",
    "",
    `- **Date**: ${env.date}; commit ${env.commit}; load average ${env.loadBefore} before, ${loadAverage()} after.`,
    `- **Command**: \`npm run bench:relay${args ? ` -- ${args}` : ""}\`: the ${page.name} page, ${rounds} rounds in rotating order, medians.`,
    "",
    table(contenders),
    "",
  ].join("\n");
  const file = join(benchDir, "RELAY.md");
  await writeFile(file, await format(markdown, { ...(await resolveConfig(file)), filepath: file }));
  console.log(markdown);
}

await main();
