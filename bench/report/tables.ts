/** The report's tables, as rows of cells, rendered to Markdown or to aligned text. */
import type { Contender } from "../contenders/contenders";
import type { BenchPage } from "../origin/benchPages";
import { type Summary, KIB, fmtKib, fmtMs, fmtRatio, fmtRps } from "./summarize";

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns aligned right (numbers). */
  readonly numeric: readonly boolean[];
}

export function markdown(table: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const rule = table.numeric.map((right) => (right ? "---:" : "---"));
  return [line(table.head), line(rule), ...table.rows.map(line)].join("\n");
}

export function text(table: Table): string {
  const widths = table.head.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (table.numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(table.head), line(widths.map((w) => "-".repeat(w))), ...table.rows.map(line)].join("\n");
}

const MIB = KIB * KIB;

/** One row per contender and page: every figure measured. */
export function resultsTable(summary: Summary, contenders: readonly Contender[], pages: readonly BenchPage[]): Table {
  const rows: string[][] = [];
  for (const page of pages) {
    for (const contender of contenders) {
      const c = summary.cells[contender.id][page.name];
      rows.push([
        page.name,
        contender.label,
        fmtRps(c.rps),
        `${fmtRps(c.rpsRange[0])}–${fmtRps(c.rpsRange[1])}`,
        fmtMs(c.p50),
        fmtMs(c.p99),
        fmtMs(c.unloadedP50),
        fmtMs(c.firstByteP50),
        c.cpuMs === undefined ? "—" : c.cpuMs.toFixed(3),
        c.rss === undefined ? "—" : (c.rss / MIB).toFixed(0),
        (c.bytes / KIB).toFixed(1),
        String(c.failures),
      ]);
    }
  }
  return {
    head: [
      "page",
      "contender",
      "req/s",
      "req/s range",
      "p50 ms",
      "p99 ms",
      "alone p50 ms",
      "first byte ms",
      "CPU ms/req",
      "RSS MiB",
      "body KiB",
      "errors",
    ],
    rows,
    numeric: [false, false, true, true, true, true, true, true, true, true, true, true],
  };
}

export function targetsTable(summary: Summary): Table {
  return {
    head: ["target (tact)", "measured", "result"],
    rows: summary.targets.map((t) => [t.name, t.measured, t.pass ? "PASS" : "FAIL"]),
    numeric: [false, false, false],
  };
}

export function growthbookTable(summary: Summary): Table {
  return {
    head: ["figure", "tact", "GrowthBook", "tact ahead by", ""],
    rows: summary.growthbook.map((c) => [
      c.name,
      c.tact,
      c.growthbook,
      Number.isFinite(c.advantage) ? fmtRatio(c.advantage) : "—",
      c.advantage >= 1 ? "ahead" : "BEHIND",
    ]),
    numeric: [false, true, true, true, false],
  };
}

/**
 * What each layer costs on each page, one step at a time: a Worker at all
 * (pass-through over the origin), parsing HTML at all (floor over
 * pass-through), the signed cookie any such personalizer verifies and signs
 * again (floor + cookie over the floor), and tact's own work (tact over the
 * floor, and over floor + cookie).
 */
export function layersTable(summary: Summary, pages: readonly BenchPage[]): Table {
  const rows: string[][] = [];
  const steps = [
    ["a Worker in front", "direct", "pass"],
    ["streaming HTML through HTMLRewriter", "pass", "floor"],
    ["verifying and signing again a profile cookie", "floor", "cookieFloor"],
    ["tact's own work: claims, rules, catalog, block, guard", "cookieFloor", "tact"],
    ["tact personalizing: cookie, rules, catalog, block", "floor", "tact"],
    ["tact when no rule matches", "floor", "tactNoMatch"],
    ["as shipped: Miniflare's local KV, events as log lines", "tact", "tactMiniflareKv"],
  ] as const;
  for (const page of pages) {
    for (const [step, from, to] of steps) {
      const a = summary.cells[from][page.name];
      const b = summary.cells[to][page.name];
      const cpu = a.cpuMs !== undefined && b.cpuMs !== undefined ? `${(b.cpuMs - a.cpuMs).toFixed(3)}` : "—";
      const added = b.unloadedP50 - a.unloadedP50;
      const firstByte = b.firstByteP50 - a.firstByteP50;
      rows.push([
        page.name,
        step,
        fmtRatio(b.rps / a.rps),
        `${added >= 0 ? "+" : ""}${fmtMs(added)}`,
        `${firstByte >= 0 ? "+" : ""}${fmtMs(firstByte)}`,
        cpu,
      ]);
    }
  }
  return {
    head: ["page", "step", "throughput ×", "alone p50 +ms", "first byte +ms", "CPU +ms/req"],
    rows,
    numeric: [false, false, true, true, true, true],
  };
}

export function bundlesTable(contenders: readonly Contender[]): Table {
  return {
    head: ["Worker", "bundle", "gzipped", "minified, gzipped"],
    rows: contenders.flatMap((c) =>
      c.bundle && (c.id === "pass" || c.id === "floor" || c.id === "tact" || c.id === "growthbook")
        ? [
            [
              c.label,
              fmtKib(c.bundle.bytes),
              fmtKib(c.bundle.gzipBytes),
              c.bundle.minifiedGzipBytes === undefined ? "—" : fmtKib(c.bundle.minifiedGzipBytes),
            ],
          ]
        : [],
    ),
    numeric: [false, true, true, true],
  };
}
