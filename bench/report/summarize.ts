/**
 * Turns the raw samples into the figures the report shows: medians over
 * rounds per cell, the targets tact is held to (as ratios and differences
 * within the same run), and every comparison with GrowthBook.
 */
import type { Contender, ContenderId } from "../contenders/contenders";
import type { Verified } from "../contenders/verifyContenders";
import type { Samples } from "../measure/measureRounds";
import { median } from "../measure/stats";
import type { BenchPage, PageName } from "../origin/benchPages";

export interface Cell {
  /** Requests per second at the fixed concurrency: median of rounds, and the rounds' range. */
  readonly rps: number;
  readonly rpsRange: readonly [number, number];
  /** Under load, ms: medians of the rounds' p50 and p99. */
  readonly p50: number;
  readonly p99: number;
  /** One request at a time, ms: median full response and median time to first byte. */
  readonly unloadedP50: number;
  readonly firstByteP50: number;
  /** workerd CPU per request served, ms (undefined for the origin itself). */
  readonly cpuMs: number | undefined;
  /** workerd resident memory after the load run, bytes. */
  readonly rss: number | undefined;
  /** Response body, bytes. */
  readonly bytes: number;
  readonly requests: number;
  readonly failures: number;
}

export interface Check {
  readonly name: string;
  /** The measured figure, formatted, with what it is compared to. */
  readonly measured: string;
  readonly pass: boolean;
}

export interface Comparison {
  readonly name: string;
  readonly tact: string;
  readonly growthbook: string;
  /** How many times better tact is (>1: tact ahead). */
  readonly advantage: number;
}

export interface Summary {
  readonly cells: Record<ContenderId, Record<PageName, Cell>>;
  readonly targets: readonly Check[];
  readonly growthbook: readonly Comparison[];
}

export const KIB = 1024;
/** Bundle budget for tact: 40 KiB gzipped, as wrangler counts it. */
export const BUNDLE_BUDGET = 40 * KIB;

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return "—";
  if (Math.abs(ms) < 10) return ms.toFixed(2);
  if (Math.abs(ms) < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

export const fmtRps = (rps: number): string => (rps < 100 ? rps.toFixed(1) : rps.toFixed(0));
export const fmtKib = (bytes: number): string => `${(bytes / KIB).toFixed(1)} KiB`;
export const fmtRatio = (ratio: number): string => `${ratio.toFixed(2)}×`;

function cell(samples: Samples[ContenderId][PageName], bytes: number): Cell {
  return {
    rps: median(samples.rps),
    rpsRange: [Math.min(...samples.rps), Math.max(...samples.rps)],
    p50: median(samples.p50),
    p99: median(samples.p99),
    unloadedP50: median(samples.unloaded),
    firstByteP50: median(samples.firstByte),
    cpuMs: samples.cpuMs.length > 0 ? median(samples.cpuMs) : undefined,
    rss: samples.rss.length > 0 ? median(samples.rss) : undefined,
    bytes,
    requests: samples.requests,
    failures: samples.failures,
  };
}

export function summarize(
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  samples: Samples,
  verified: Verified,
  peakRss: ReadonlyMap<ContenderId, number>,
): Summary {
  const cells = Object.fromEntries(
    contenders.map((c) => [
      c.id,
      Object.fromEntries(pages.map((p) => [p.name, cell(samples[c.id][p.name], verified.bytes[c.id][p.name])])),
    ]),
  ) as Summary["cells"];
  const bundle = (id: ContenderId) => contenders.find((c) => c.id === id)?.bundle;

  const targets: Check[] = [];
  for (const page of pages) {
    const { tact, floor } = { tact: cells.tact[page.name], floor: cells.floor[page.name] };
    const ratio = tact.rps / floor.rps;
    targets.push({
      name: `throughput ≥ 0.9 × rewrite floor, ${page.name} page`,
      measured: `${fmtRatio(ratio)} (${fmtRps(tact.rps)} vs ${fmtRps(floor.rps)} req/s)`,
      pass: ratio >= 0.9,
    });
  }
  for (const page of pages) {
    const { tact, floor } = { tact: cells.tact[page.name], floor: cells.floor[page.name] };
    const added = tact.unloadedP50 - floor.unloadedP50;
    targets.push({
      name: `added p50 latency over rewrite floor < 1 ms, ${page.name} page`,
      measured: `${added >= 0 ? "+" : ""}${fmtMs(added)} ms (${fmtMs(tact.unloadedP50)} vs ${fmtMs(floor.unloadedP50)} ms)`,
      pass: added < 1,
    });
  }
  const slow = pages.find((p) => p.stream)?.name;
  if (slow) {
    const late = cells.tact[slow].firstByteP50 - cells.pass[slow].firstByteP50;
    targets.push({
      name: `first byte within 10 ms of pass-through, ${slow} page`,
      measured: `${late >= 0 ? "+" : ""}${fmtMs(late)} ms (${fmtMs(cells.tact[slow].firstByteP50)} vs ${fmtMs(cells.pass[slow].firstByteP50)} ms)`,
      pass: late <= 10,
    });
  }
  const tactBundle = bundle("tact");
  if (tactBundle) {
    targets.push({
      name: "bundle < 40 KiB gzipped",
      measured: `${fmtKib(tactBundle.gzipBytes)}${tactBundle.minifiedGzipBytes === undefined ? "" : ` (minified: ${fmtKib(tactBundle.minifiedGzipBytes)})`}`,
      pass: tactBundle.gzipBytes < BUNDLE_BUDGET,
    });
  }

  const growthbook: Comparison[] = [];
  for (const page of pages) {
    const t = cells.tact[page.name];
    const g = cells.growthbook[page.name];
    const row = (name: string, tact: number, gb: number, fmt: (n: number) => string, higherIsBetter = false) =>
      growthbook.push({
        name: `${name}, ${page.name} page`,
        tact: fmt(tact),
        growthbook: fmt(gb),
        advantage: higherIsBetter ? tact / gb : gb / tact,
      });
    row("first byte (ms)", t.firstByteP50, g.firstByteP50, fmtMs);
    row("throughput (req/s)", t.rps, g.rps, fmtRps, true);
    row("CPU per request (ms)", t.cpuMs ?? NaN, g.cpuMs ?? NaN, (n) => n.toFixed(3));
    row("latency p50, one at a time (ms)", t.unloadedP50, g.unloadedP50, fmtMs);
    row("latency p99 under load (ms)", t.p99, g.p99, fmtMs);
    row("response body (KiB)", t.bytes, g.bytes, (n) => (n / KIB).toFixed(1));
  }
  const gbBundle = bundle("growthbook");
  if (tactBundle && gbBundle) {
    growthbook.push({
      name: "bundle, gzipped (KiB)",
      tact: (tactBundle.gzipBytes / KIB).toFixed(1),
      growthbook: (gbBundle.gzipBytes / KIB).toFixed(1),
      advantage: gbBundle.gzipBytes / tactBundle.gzipBytes,
    });
    if (tactBundle.minifiedGzipBytes !== undefined && gbBundle.minifiedGzipBytes !== undefined) {
      growthbook.push({
        name: "bundle, minified and gzipped (KiB)",
        tact: (tactBundle.minifiedGzipBytes / KIB).toFixed(1),
        growthbook: (gbBundle.minifiedGzipBytes / KIB).toFixed(1),
        advantage: gbBundle.minifiedGzipBytes / tactBundle.minifiedGzipBytes,
      });
    }
  }
  const tactPeak = peakRss.get("tact");
  const gbPeak = peakRss.get("growthbook");
  if (tactPeak && gbPeak) {
    growthbook.push({
      name: "workerd peak memory (MiB)",
      tact: (tactPeak / KIB / KIB).toFixed(0),
      growthbook: (gbPeak / KIB / KIB).toFixed(0),
      advantage: gbPeak / tactPeak,
    });
  }
  return { cells, targets, growthbook };
}
