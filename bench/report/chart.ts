/**
 * bench/chart.svg: per page, throughput (requests per second at the fixed
 * concurrency) and latency under load (p50 bar, p99 whisker) for every
 * contender, each panel on its own labelled axis, drawn with the shared chart
 * writer (tools/shared/svgChart.ts).
 */
import {
  type Axis,
  bar,
  gridLines,
  linearAxis,
  niceStep,
  niceTop,
  svgDocument,
  svgElement,
  svgText,
  tickValues,
  whisker,
} from "../../tools/shared/svgChart";
import type { Contender, ContenderId } from "../contenders/contenders";
import type { BenchPage } from "../origin/benchPages";
import { type Cell, type Summary, fmtMs, fmtRps } from "./summarize";

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

/** An axis under the rows: ticks at each nice step and what it measures. */
function axisLine(axis: Axis, y: number, label: string): string[] {
  const tick = { stroke: "#555" };
  return [
    ...tickValues(axis.top, niceStep(axis.top)).flatMap((value) => [
      svgElement("line", { x1: axis.x(value), y1: y - 4, x2: axis.x(value), y2: y, ...tick }),
      svgText(axis.x(value), y + 14, String(value), { "text-anchor": "middle", class: "tick" }),
    ]),
    svgElement("line", { x1: axis.left, y1: y, x2: axis.left + axis.width, y2: y, ...tick }),
    svgText(axis.left + axis.width / 2, y + 32, label, { "text-anchor": "middle", class: "axis" }),
  ];
}

function pageTitle(page: BenchPage): string {
  const size =
    page.body.length >= 1024 * 1024
      ? `${(page.body.length / 1024 / 1024).toFixed(0)} MB`
      : `${Math.round(page.body.length / 1024)} KB`;
  return `${page.name} page: ${page.path}, ${size}${page.stream ? ", slow origin (first chunk at once, the rest over 1 s)" : ""}`;
}

/** One contender's row: its throughput bar, and its latency bar (p50) with a whisker to p99. */
function contenderRow(contender: Contender, cell: Cell, rowY: number, throughput: Axis, latency: Axis): string[] {
  const mid = rowY + BAR / 2 + 4;
  const fill = COLOURS[contender.id];
  const line = { stroke: fill, "stroke-width": 2 };
  return [
    svgText(LABEL - 8, mid, contender.label, { "text-anchor": "end", class: "label" }),
    bar(throughput, cell.rps, rowY, BAR, { fill }),
    svgText(throughput.x(cell.rps) + 4, mid, fmtRps(cell.rps), { class: "value" }),
    bar(latency, cell.p50, rowY, BAR, { fill }),
    ...whisker(latency, { from: cell.p50, to: cell.p99, y: rowY + BAR / 2, cap: BAR / 2 - 2, caps: "end" }, line),
    svgText(latency.x(cell.p99) + 5, mid, `${fmtMs(cell.p50)} / ${fmtMs(cell.p99)}`, { class: "value" }),
  ];
}

/** A page's panels, their top at y; returns them and where the next page starts. */
function pagePanels(page: BenchPage, cells: readonly { contender: Contender; cell: Cell }[], y: number) {
  const throughput = linearAxis(niceTop(Math.max(...cells.map(({ cell }) => cell.rps))), LABEL, PANEL);
  const latency = linearAxis(niceTop(Math.max(...cells.map(({ cell }) => cell.p99))), LABEL + PANEL + GAP, PANEL);
  const rowsTop = y + 12;
  const rowsBottom = rowsTop + cells.length * ROW;
  const grid = (axis: Axis) =>
    gridLines(axis, tickValues(axis.top, niceStep(axis.top)).slice(1), rowsTop, rowsBottom, { stroke: "#e6e6e6" });
  const parts = [
    svgText(10, y, pageTitle(page), { class: "page" }),
    ...grid(throughput),
    ...grid(latency),
    ...cells.flatMap(({ contender, cell }, index) =>
      contenderRow(contender, cell, rowsTop + index * ROW + (ROW - BAR) / 2, throughput, latency),
    ),
    ...axisLine(throughput, rowsBottom + 4, "requests per second (higher is better)"),
    ...axisLine(latency, rowsBottom + 4, "latency under load, ms: bar p50, whisker p99 (lower is better)"),
  ];
  return { parts, next: rowsBottom + 80 };
}

export function renderChart(
  summary: Summary,
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  subtitle: string,
): string {
  const parts: string[] = [];
  let y = 70;
  for (const page of pages) {
    const cells = contenders.map((c) => ({ contender: c, cell: summary.cells[c.id][page.name] }));
    const panels = pagePanels(page, cells, y);
    parts.push(...panels.parts);
    y = panels.next;
  }
  const height = y - 20;
  const style = [
    "  .title { font-size: 18px; font-weight: 600; fill: #222; }",
    "  .subtitle { font-size: 12px; fill: #555; }",
    "  .page { font-size: 14px; font-weight: 600; fill: #222; }",
    "  .label { font-size: 12px; fill: #222; }",
    "  .value { font-size: 11px; fill: #333; }",
    "  .tick { font-size: 10px; fill: #555; }",
    "  .axis { font-size: 11px; fill: #333; }",
  ];
  const body = [
    svgElement("rect", { width: "100%", height: "100%", fill: "#fff" }),
    svgText(10, 26, "tact benchmark: throughput and latency per contender", { class: "title" }),
    svgText(10, 46, subtitle, { class: "subtitle" }),
    ...parts,
  ];
  const font = "system-ui, -apple-system, 'Segoe UI', sans-serif";
  return `${svgDocument({ width: WIDTH, height, style }, body, { xmlns: "http://www.w3.org/2000/svg", "font-family": font })}\n`;
}
