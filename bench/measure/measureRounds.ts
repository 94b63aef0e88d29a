/**
 * The measuring schedule, built to survive a busy machine: contenders are
 * interleaved (each round, each page visits every contender, in an order that
 * rotates from round to round and page to page), rounds repeat, and the report
 * takes medians over rounds. A burst of someone else's work then lands on one
 * contender's cell in one round, not on one contender.
 *
 * Per round, page and contender:
 *   - one request at a time (no queueing): time to first byte and full
 *     response time, every contender in turn, request by request (see
 *     interleavedReads); on the slow page, first-chunk reads one contender at
 *     a time, and full reads of all contenders at once (see pairedFullReads);
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
import { loadRun } from "../../tools/shared/loadRun";
import { cpuNanos, memory } from "../../tools/shared/procStats";
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

/** Slow page, per round: first-chunk reads per contender, and full reads of every contender at once. */
const SLOW_FIRST_BYTE_READS = 8;
const SLOW_FULL_READS = 3;
/** A first byte this late means the contender holds the page back; more reads would only repeat it. */
const BUFFERING_MS = 250;

interface Context {
  readonly settings: BenchSettings;
  readonly headers: Record<string, string>;
  readonly agents: Map<ContenderId, Agent>;
}

/**
 * The fast pages, one request at a time: every contender in turn, request by
 * request, in an order that reverses each time, so a burst of background work
 * lands on all of them alike rather than on one contender's run of requests.
 */
async function interleavedReads(context: Context, contenders: readonly Contender[], page: BenchPage, samples: Samples) {
  const backwards = [...contenders].reverse();
  for (let i = 0; i < context.settings.samples; i++) {
    for (const contender of i % 2 === 0 ? contenders : backwards) {
      const url = new URL(page.path, contender.url).href;
      const timing = await timeRequest({
        url,
        headers: context.headers,
        agent: context.agents.get(contender.id) ?? false,
      });
      const cell = samples[contender.id][page.name];
      cell.firstByte.push(timing.firstByteMs);
      if (timing.totalMs !== undefined) cell.unloaded.push(timing.totalMs);
    }
  }
}

/**
 * The slow page's first chunk, one contender at a time: cheap for a streaming
 * contender; one that buffers the page takes the whole second each time and
 * says all it has to say the first time.
 */
async function firstChunkReads(context: Context, contender: Contender, page: BenchPage, cell: CellSamples) {
  const url = new URL(page.path, contender.url).href;
  const agent = context.agents.get(contender.id) ?? false;
  for (let i = 0; i < SLOW_FIRST_BYTE_READS; i++) {
    const timing = await timeRequest({ url, headers: context.headers, agent, firstChunkOnly: true });
    cell.firstByte.push(timing.firstByteMs);
    if (timing.firstByteMs > BUFFERING_MS) break;
  }
}

/**
 * The slow page read to its end takes the origin's second, so every
 * contender gets one request at the same moment (one each: no queueing in
 * any of them), SLOW_FULL_READS times a round. Contenders then share the same
 * second of background noise, which is what a comparison of their times needs.
 */
async function pairedFullReads(context: Context, contenders: readonly Contender[], page: BenchPage, samples: Samples) {
  for (let i = 0; i < SLOW_FULL_READS; i++) {
    const timings = await Promise.all(
      contenders.map((contender) =>
        timeRequest({ url: new URL(page.path, contender.url).href, headers: context.headers, agent: false }),
      ),
    );
    for (const [index, contender] of contenders.entries()) {
      const total = timings[index]?.totalMs;
      if (total !== undefined) samples[contender.id][page.name].unloaded.push(total);
    }
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
    cell.rss.push(memory(contender.pid)?.rss ?? Number.NaN);
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
        if (page.stream) {
          await pairedFullReads(context, order, page, samples);
          for (const contender of order)
            await firstChunkReads(context, contender, page, samples[contender.id][page.name]);
        } else {
          await interleavedReads(context, order, page, samples);
        }
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
