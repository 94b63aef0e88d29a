/**
 * `npm run load`: a bounded load on loopback. Starts the demo shop and tact in
 * workerd (wrangler dev, on free ports, local KV seeded first), then drives
 * tact with autocannon: a warm-up, and a measured run of at least 20,000
 * requests mixing new shoppers, returning shoppers, bad cookies, Global
 * Privacy Control, assets and profile look-ups (tools/load/requestMix.ts).
 * It samples the resident memory of tact's workerd throughout, prints the
 * figures, and exits non-zero on any unexpected answer, on connection errors,
 * or on clear memory growth. It stops what it started, whatever happens.
 */
import { parseArgs } from "node:util";
import products from "../../kv-seed/products.json";
import { type LocalStack, startLocalStack } from "../dev/localStack";
import { type MixInput, emptyTallies, requestMix } from "./requestMix";
import { findWorkerd } from "./findWorkerd";
import { freePort } from "../shared/ports";
import { loadRun } from "../shared/loadRun";
import { badCookies, firstVisits } from "./loadCookies";
import { sampleMemory, summarizeMemory } from "./sampleMemory";
import { samplePages } from "./samplePages";
import { type LoadRunFigures, loadFailures, loadRows, mib, total } from "./loadVerdict";

const USAGE = `usage: npm run load -- [--requests N] [--connections N] [--warmup N]

  --requests N     measured requests, at least 20000 (default 20000)
  --connections N  concurrent connections, 1 to 64 (default 8)
  --warmup N       requests before measuring (default 2000)

Exits 1 on any unexpected answer, connection error or clear memory growth.`;

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "20000" },
    connections: { type: "string", default: "8" },
    warmup: { type: "string", default: "2000" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const REQUESTS = Math.max(20_000, Number(args.requests));
const CONNECTIONS = Math.min(64, Math.max(1, Number(args.connections)));
const WARMUP = Math.max(0, Number(args.warmup));
/** The whole run, start-up included, is cut off past this. */
const TIME_LIMIT_MS = 10 * 60_000;
/** tact's resident memory may grow this much from a quarter of the way in to the end before the run fails. */
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;

/** wrangler's output: the last lines for a failure, and the notable ones (errors, 5xx, reloads) whole. */
function wranglerOutput() {
  const last: string[] = [];
  const notable: string[] = [];
  const onOutput = (line: string) => {
    last.push(line);
    if (last.length > 40) last.shift();
    if (/\b5\d\d\b (?!OK)|error|exception|reload/i.test(line) && notable.length < 100) notable.push(line);
  };
  return { last, notable, onOutput };
}

async function startStack(signal: AbortSignal, onOutput: (line: string) => void): Promise<LocalStack> {
  // Free ports for everything, devtools included, so a running `npm start` is left alone.
  const [tactPort, shopPort, tact, shop] = [await freePort(), await freePort(), await freePort(), await freePort()];
  console.log(`starting the demo shop on :${shopPort} and tact on :${tactPort} (wrangler dev, workerd)…`);
  return startLocalStack({ tactPort, shopPort, inspectorPorts: { tact, shop }, signal, onOutput });
}

/** The warm-up, then the measured run with memory sampled and whole pages read alongside. */
async function measure(url: string): Promise<LoadRunFigures> {
  const cookies = await firstVisits(url, 40);
  const mixInput: Omit<MixInput, "seed"> = {
    products: products.products.map((product) => product.id),
    categories: products.categories.map((category) => category.slug),
    cookies,
    badCookies: await badCookies(cookies[0] ?? ""),
    size: 500,
  };
  const run = (amount: number, mix: MixInput, tallies = emptyTallies()) =>
    loadRun({ url, connections: CONNECTIONS, amount, requests: requestMix(mix, tallies) });
  console.log(`warming up: ${WARMUP} requests…`);
  await run(WARMUP, { ...mixInput, seed: 1 });

  const tallies = emptyTallies();
  const memory = sampleMemory(findWorkerd().tact);
  memory.take(0);
  const pages = samplePages(url, cookies, [
    "/",
    ...mixInput.products.slice(0, 12).map((id) => `/products/${id}`),
    ...mixInput.categories.map((slug) => `/category/${slug}`),
  ]);
  console.log(`measuring: ${REQUESTS} requests over ${CONNECTIONS} connections…`);
  const afterEach = () => memory.tick(total(tallies, "responses"));
  const result = await run(REQUESTS, { ...mixInput, seed: 2, afterEach }, tallies);
  await pages.stop();
  // Let the isolate settle (timers, waitUntil work, a garbage collection) before the last look.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  memory.take(REQUESTS);
  const { sampled } = pages;
  return {
    ...{ result, tallies, sampled, requests: REQUESTS, warmup: WARMUP, connections: CONNECTIONS },
    ...{ memory: summarizeMemory(memory, REQUESTS), maxGrowthBytes: MAX_GROWTH_BYTES },
  };
}

function report(figures: LoadRunFigures, output: ReturnType<typeof wranglerOutput>): number {
  const rows = loadRows(figures);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\ntact under load\n${rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join("\n")}\n`);
  const failures = loadFailures(figures);
  if (figures.memory.start === undefined) console.log("  (memory not measured: no /proc or no workerd process found)");
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  if (output.notable.length > 0) console.log(`wrangler reported:\n${output.notable.join("\n")}`);
  if (failures.length > 0) console.error(`last lines from wrangler:\n${output.last.join("\n")}`);
  else
    console.log(`OK: every answer as expected, no connection errors, memory growth within ${mib(MAX_GROWTH_BYTES)}.`);
  return failures.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const output = wranglerOutput();
  let stack: LocalStack | undefined;
  const stopping = new AbortController();
  const stop = async () => {
    stopping.abort();
    await stack?.stop();
  };
  const interrupt = () => void stop().then(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const deadline = setTimeout(() => {
    console.error(`the run took longer than ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
    void stop().then(() => process.exit(1));
  }, TIME_LIMIT_MS);
  try {
    stack = await startStack(stopping.signal, output.onOutput);
    return report(await measure(stack.tactUrl), output);
  } finally {
    clearTimeout(deadline);
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
