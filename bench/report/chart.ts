/**
 * bench/chart.svg: per page, throughput (requests per second at the fixed
 * concurrency) and latency under load (p50 bar, p99 whisker) for every
 * contender, each panel on its own labelled axis. Plain SVG.
 */
import { escapeHtml } from "../../src/html/escapeHtml";
import type { Contender, ContenderId } from "../contenders/contenders";
import type { BenchPage } from "../origin/benchPages";
import { type Summary, fmtMs, fmtRps } from "./summarize";

const COLOURS: Record<ContenderId, string> = {
  direct: "#9a9a9a",
  pass: "#8fb3d9",
  floor: "#3d6fa8",
  cookieFloor: "#2b4f7a",
  tact: "#a84b24",
  tactNoMatch: "#e3a07a",
  tactMiniflareKv: "#d9c2b4",
  growthbook: "#7b5ea7",
};

const WIDTH = 1100;
const LABEL = 130;
const PANEL = 360;
const GAP = 120;
const ROW = 24;
const BAR = 14;

function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => rough <= s);
  return step ?? rough;
}

function axis(x0: number, y: number, max: number, label: string, format: (n: number) => string): string[] {
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const out: string[] = [];
  for (let value = 0; value <= top + step / 1000; value += step) {
    const x = x0 + (value / top) * PANEL;
    out.push(`<line x1="${x}" y1="${y - 4}" x2="${x}" y2="${y}" stroke="#555"/>`);
    out.push(`<text x="${x}" y="${y + 14}" text-anchor="middle" class="tick">${format(value)}</text>`);
  }
  out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + PANEL}" y2="${y}" stroke="#555"/>`);
  out.push(`<text x="${x0 + PANEL / 2}" y="${y + 32}" text-anchor="middle" class="axis">${escapeHtml(label)}</text>`);
  return out;
}

function grid(x0: number, yTop: number, yBottom: number, max: number): string[] {
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const out: string[] = [];
  for (let value = step; value <= top + step / 1000; value += step) {
    const x = x0 + (value / top) * PANEL;
    out.push(`<line x1="${x}" y1="${yTop}" x2="${x}" y2="${yBottom}" stroke="#e6e6e6"/>`);
  }
  return out;
}

const scaleTop = (max: number): number => Math.ceil(max / niceStep(max)) * niceStep(max);

export function renderChart(
  summary: Summary,
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  subtitle: string,
): string {
  const parts: string[] = [];
  let y = 70;
  const throughputX = LABEL;
  const latencyX = LABEL + PANEL + GAP;
  for (const page of pages) {
    const cells = contenders.map((c) => ({ contender: c, cell: summary.cells[c.id][page.name] }));
    const maxRps = Math.max(...cells.map(({ cell }) => cell.rps));
    const maxLatency = Math.max(...cells.map(({ cell }) => cell.p99));
    const rpsTop = scaleTop(maxRps);
    const latencyTop = scaleTop(maxLatency);
    const size =
      page.body.length >= 1024 * 1024
        ? `${(page.body.length / 1024 / 1024).toFixed(0)} MB`
        : `${Math.round(page.body.length / 1024)} KB`;
    const title = `${page.name} page: ${page.path}, ${size}${page.stream ? ", slow origin (first chunk at once, the rest over 1 s)" : ""}`;
    parts.push(`<text x="10" y="${y}" class="page">${escapeHtml(title)}</text>`);
    const rowsTop = y + 12;
    const rowsBottom = rowsTop + cells.length * ROW;
    parts.push(...grid(throughputX, rowsTop, rowsBottom, maxRps), ...grid(latencyX, rowsTop, rowsBottom, maxLatency));
    for (const [index, { contender, cell }] of cells.entries()) {
      const rowY = rowsTop + index * ROW + (ROW - BAR) / 2;
      const mid = rowY + BAR / 2 + 4;
      const colour = COLOURS[contender.id];
      parts.push(
        `<text x="${LABEL - 8}" y="${mid}" text-anchor="end" class="label">${escapeHtml(contender.label)}</text>`,
      );
      const rpsWidth = (cell.rps / rpsTop) * PANEL;
      parts.push(
        `<rect x="${throughputX}" y="${rowY}" width="${rpsWidth.toFixed(1)}" height="${BAR}" fill="${colour}"/>`,
      );
      parts.push(`<text x="${throughputX + rpsWidth + 4}" y="${mid}" class="value">${fmtRps(cell.rps)}</text>`);
      const p50 = (cell.p50 / latencyTop) * PANEL;
      const p99 = (cell.p99 / latencyTop) * PANEL;
      parts.push(`<rect x="${latencyX}" y="${rowY}" width="${p50.toFixed(1)}" height="${BAR}" fill="${colour}"/>`);
      parts.push(
        `<line x1="${(latencyX + p50).toFixed(1)}" y1="${rowY + BAR / 2}" x2="${(latencyX + p99).toFixed(1)}" y2="${rowY + BAR / 2}" stroke="${colour}" stroke-width="2"/>`,
        `<line x1="${(latencyX + p99).toFixed(1)}" y1="${rowY + 2}" x2="${(latencyX + p99).toFixed(1)}" y2="${rowY + BAR - 2}" stroke="${colour}" stroke-width="2"/>`,
      );
      parts.push(
        `<text x="${(latencyX + p99 + 5).toFixed(1)}" y="${mid}" class="value">${fmtMs(cell.p50)} / ${fmtMs(cell.p99)}</text>`,
      );
    }
    parts.push(
      ...axis(throughputX, rowsBottom + 4, maxRps, "requests per second (higher is better)", (n) => String(n)),
    );
    parts.push(
      ...axis(
        latencyX,
        rowsBottom + 4,
        maxLatency,
        "latency under load, ms: bar p50, whisker p99 (lower is better)",
        (n) => String(n),
      ),
    );
    y = rowsBottom + 80;
  }
  const height = y - 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">
<style>
  .title { font-size: 18px; font-weight: 600; fill: #222; }
  .subtitle { font-size: 12px; fill: #555; }
  .page { font-size: 14px; font-weight: 600; fill: #222; }
  .label { font-size: 12px; fill: #222; }
  .value { font-size: 11px; fill: #333; }
  .tick { font-size: 10px; fill: #555; }
  .axis { font-size: 11px; fill: #333; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="26" class="title">tact benchmark: throughput and latency per contender</text>
<text x="10" y="46" class="subtitle">${escapeHtml(subtitle)}</text>
${parts.join("\n")}
</svg>
`;
}
