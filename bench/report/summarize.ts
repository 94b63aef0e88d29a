/**
 * Turns the raw samples into the figures the report shows: medians over
 * rounds per cell, the targets tact is held to (as ratios and differences
 * within the same run), and every comparison with GrowthBook.
 */
import type { Contender, ContenderId } from "../contenders/contenders";
import type { Verified } from "../contenders/verifyContenders";
import type { Samples } from "../measure/measureRounds";
import { median } from "../../tools/shared/statistics";
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
/** tact's first byte may come this much later than a pass-through Worker's, on any page. */
const FIRST_BYTE_MS = 5;
/** tact's own CPU per page beyond the rewrite floor and its cookie, on the fast pages. */
const CPU_OVER_COOKIE_FLOOR_MS = 0.25;
/** On the 2 MB page, tact's CPU against the rewrite floor's (which parses it all). */
const SLOW_CPU_RATIO = 1.2;

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

type Cells = Summary["cells"];
type Bundle = Contender["bundle"];
const signedMs = (n: number) => `${n >= 0 ? "+" : ""}${fmtMs(n)} ms`;

/** The targets tact is held to, each with its figure from this run. */
function targetChecks(cells: Cells, pages: readonly BenchPage[], tactBundle: Bundle): Check[] {
  const targets: Check[] = pages.map((page) => {
    const late = cells.tact[page.name].firstByteP50 - cells.pass[page.name].firstByteP50;
    return {
      name: `first byte within ${FIRST_BYTE_MS} ms of pass-through, ${page.name} page`,
      measured: `${signedMs(late)} (${fmtMs(cells.tact[page.name].firstByteP50)} vs ${fmtMs(cells.pass[page.name].firstByteP50)} ms)`,
      pass: late <= FIRST_BYTE_MS,
    };
  });
  for (const page of pages.filter((p) => !p.stream)) {
    const tact = cells.tact[page.name].cpuMs ?? NaN;
    const cookie = cells.cookieFloor[page.name].cpuMs ?? NaN;
    targets.push({
      name: `CPU over floor + cookie ≤ ${CPU_OVER_COOKIE_FLOOR_MS} ms, ${page.name} page`,
      measured: `${signedMs(tact - cookie)} (${fmtMs(tact)} vs ${fmtMs(cookie)} ms)`,
      pass: tact - cookie <= CPU_OVER_COOKIE_FLOOR_MS,
    });
  }
  const slow = pages.find((p) => p.name === "slow");
  if (slow) {
    const ratio = (cells.tact[slow.name].cpuMs ?? NaN) / (cells.floor[slow.name].cpuMs ?? NaN);
    targets.push({
      name: `CPU ≤ ${SLOW_CPU_RATIO} × the rewrite floor's, ${slow.name} page`,
      measured: `${fmtRatio(ratio)} (${fmtMs(cells.tact[slow.name].cpuMs)} vs ${fmtMs(cells.floor[slow.name].cpuMs)} ms)`,
      pass: ratio <= SLOW_CPU_RATIO,
    });
  }
  if (tactBundle) {
    targets.push({
      name: "bundle < 40 KiB gzipped",
      measured: `${fmtKib(tactBundle.gzipBytes)}${tactBundle.minifiedGzipBytes === undefined ? "" : ` (minified: ${fmtKib(tactBundle.minifiedGzipBytes)})`}`,
      pass: tactBundle.gzipBytes < BUNDLE_BUDGET,
    });
  }
  return targets;
}

/** tact against GrowthBook, page by page. */
function pageComparisons(cells: Cells, pages: readonly BenchPage[]): Comparison[] {
  return pages.flatMap((page) => {
    const t = cells.tact[page.name];
    const g = cells.growthbook[page.name];
    const row = (name: string, tact: number, gb: number, fmt: (n: number) => string, higherIsBetter = false) => ({
      name: `${name}, ${page.name} page`,
      tact: fmt(tact),
      growthbook: fmt(gb),
      advantage: higherIsBetter ? tact / gb : gb / tact,
    });
    return [
      row("first byte (ms)", t.firstByteP50, g.firstByteP50, fmtMs),
      row("throughput (req/s)", t.rps, g.rps, fmtRps, true),
      row("CPU per request (ms)", t.cpuMs ?? NaN, g.cpuMs ?? NaN, (n) => n.toFixed(3)),
      row("latency p50, one at a time (ms)", t.unloadedP50, g.unloadedP50, fmtMs),
      row("latency p99 under load (ms)", t.p99, g.p99, fmtMs),
      row("response body (KiB)", t.bytes, g.bytes, (n) => (n / KIB).toFixed(1)),
    ];
  });
}

/** tact against GrowthBook in bundle size and peak memory; lower is better, so the advantage is theirs over ours. */
function sizeComparisons(tactBundle: Bundle, gbBundle: Bundle, peakRss: ReadonlyMap<ContenderId, number>) {
  const rows: Comparison[] = [];
  const row = (name: string, tact: number, gb: number, unit: number, digits: number) =>
    rows.push({
      name,
      tact: (tact / unit).toFixed(digits),
      growthbook: (gb / unit).toFixed(digits),
      advantage: gb / tact,
    });
  if (tactBundle && gbBundle) {
    row("bundle, gzipped (KiB)", tactBundle.gzipBytes, gbBundle.gzipBytes, KIB, 1);
    if (tactBundle.minifiedGzipBytes !== undefined && gbBundle.minifiedGzipBytes !== undefined) {
      row("bundle, minified and gzipped (KiB)", tactBundle.minifiedGzipBytes, gbBundle.minifiedGzipBytes, KIB, 1);
    }
  }
  const tactPeak = peakRss.get("tact");
  const gbPeak = peakRss.get("growthbook");
  if (tactPeak && gbPeak) row("workerd peak memory (MiB)", tactPeak, gbPeak, KIB * KIB, 0);
  return rows;
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
  ) as Cells;
  const bundle = (id: ContenderId) => contenders.find((c) => c.id === id)?.bundle;
  return {
    cells,
    targets: targetChecks(cells, pages, bundle("tact")),
    growthbook: [...pageComparisons(cells, pages), ...sizeComparisons(bundle("tact"), bundle("growthbook"), peakRss)],
  };
}
