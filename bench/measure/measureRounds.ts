/**
 * The measuring schedule, built to survive a busy machine: contenders are
 * interleaved (each round, each page visits every contender, in an order that
 * rotates from round to round and page to page), rounds repeat, and the report
 * takes medians over rounds. A burst of someone else's work then lands on one
 * contender's cell in one round, not on one contender.
 *
 * Per round, page and contender:
 *   - one request at a time (no queueing): time to first byte and full
 *     response time; on the slow page one full read and one first-chunk read;
 *   - a load run at fixed concurrency: for a duration on the fast pages; on
 *     the slow one, whose requests last a second, a fixed number of requests
 *     per connection, all started together, timed until the last is done
 *     (every request counted whole, and so is its CPU);
 *   - the contender's workerd CPU time over the load run, per request served,
 *     and its resident memory afterwards.
 */
import { Agent } from "node:http";
import type { Contender, ContenderId } from "../contenders/contenders";
import type { BenchPage, PageName } from "../origin/benchPages";
import { loadRun } from "./loadRun";
import { cpuNanos, memory } from "./procStats";
import { timeRequest } from "./timeRequest";

export interface BenchSettings {
  readonly connections: number;
  readonly rounds: number;
  /** Load run length on the fast pages. */
  readonly seconds: number;
  /** Requests per connection in a slow-page load run. */
  readonly slowRequestsPerConnection: number;
  /** One-at-a-time requests per round, page and contender on the fast pages. */
  readonly samples: number;
}

/** Everything measured in one contender's cell, across rounds. */
export interface CellSamples {
  readonly rps: number[];
  readonly p50: number[];
  readonly p99: number[];
  readonly cpuMs: number[];
  readonly rss: number[];
  /** One-at-a-time: full response times and first-byte times, pooled over rounds. */
  readonly unloaded: number[];
  readonly firstByte: number[];
  failures: number;
  requests: number;
}

export type Samples = Record<ContenderId, Record<PageName, CellSamples>>;

const emptyCell = (): CellSamples => ({
  rps: [],
  p50: [],
  p99: [],
  cpuMs: [],
  rss: [],
  unloaded: [],
  firstByte: [],
  failures: 0,
  requests: 0,
});

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Context {
  readonly settings: BenchSettings;
  readonly headers: Record<string, string>;
  readonly agents: Map<ContenderId, Agent>;
}

async function oneAtATime(context: Context, contender: Contender, page: BenchPage, cell: CellSamples): Promise<void> {
  const url = new URL(page.path, contender.url).href;
  const agent = context.agents.get(contender.id) ?? false;
  const reads = page.stream ? [false, true] : Array.from({ length: context.settings.samples }, () => false);
  for (const firstChunkOnly of reads) {
    const timing = await timeRequest({ url, headers: context.headers, agent, firstChunkOnly });
    cell.firstByte.push(timing.firstByteMs);
    if (timing.totalMs !== undefined) cell.unloaded.push(timing.totalMs);
  }
}

async function underLoad(context: Context, contender: Contender, page: BenchPage, cell: CellSamples): Promise<void> {
  const { settings } = context;
  const before = contender.pid === undefined ? undefined : cpuNanos(contender.pid);
  const result = await loadRun({
    url: new URL(page.path, contender.url).href,
    connections: settings.connections,
    headers: context.headers,
    ...(page.stream
      ? { amount: settings.connections * settings.slowRequestsPerConnection }
      : { seconds: settings.seconds }),
  });
  cell.rps.push(result.rps);
  cell.p50.push(result.p50);
  cell.p99.push(result.p99);
  cell.failures += result.failures;
  cell.requests += result.requests;
  if (contender.pid !== undefined && before !== undefined) {
    cell.cpuMs.push((cpuNanos(contender.pid) - before) / 1e6 / Math.max(1, result.requests));
    cell.rss.push(memory(contender.pid).rss);
  }
}

/** Short load on every cell, so JIT, caches and connection pools are warm before anything counts. */
export async function warmUp(
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  settings: BenchSettings,
  headers: Record<string, string>,
): Promise<void> {
  for (const page of pages) {
    for (const contender of contenders) {
      // The slow page: a handful of requests (each lasts a second, GrowthBook's several).
      const connections = page.stream ? Math.min(3, settings.connections) : settings.connections;
      await loadRun({
        url: new URL(page.path, contender.url).href,
        connections,
        headers,
        ...(page.stream ? { amount: connections } : { seconds: 1 }),
      });
    }
  }
}

export async function measureRounds(
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  settings: BenchSettings,
  headers: Record<string, string>,
  progress: (line: string) => void,
): Promise<Samples> {
  const samples = Object.fromEntries(
    contenders.map((c) => [c.id, Object.fromEntries(pages.map((p) => [p.name, emptyCell()]))]),
  ) as Samples;
  const agents = new Map(contenders.map((c) => [c.id, new Agent({ keepAlive: true, maxSockets: 1 })]));
  const context: Context = { settings, headers, agents };
  try {
    for (let round = 0; round < settings.rounds; round++) {
      for (const [index, page] of pages.entries()) {
        const order = rotate(contenders, round + index);
        for (const contender of order) await oneAtATime(context, contender, page, samples[contender.id][page.name]);
        for (const contender of order) {
          await underLoad(context, contender, page, samples[contender.id][page.name]);
          await pause(100);
        }
        progress(`round ${round + 1}/${settings.rounds}, ${page.name} page: done`);
      }
    }
  } finally {
    for (const agent of agents.values()) agent.destroy();
  }
  return samples;
}
