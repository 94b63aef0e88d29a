/**
 * An inline SVG chart of rates per variant: a dot at each rate and whiskers
 * for its 95% interval, one panel per metric, on a shared 0-based axis per
 * panel, drawn with the shared chart writer (tools/shared/svgChart.ts).
 */
import { dot, gridLines, linearAxis, svgDocument, svgText, tickValues, whisker } from "../shared/svgChart";
import { percentText } from "./formatFigures";

export interface ChartRow {
  readonly label: string;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  readonly control: boolean;
  /** Shown instead of a dot (e.g. "shows nothing"). */
  readonly instead?: string;
}

export interface ChartPanel {
  readonly title: string;
  readonly rows: readonly ChartRow[];
}

const WIDTH = 720;
const LABEL_RIGHT = 150;
const PLOT_LEFT = 160;
const PLOT_RIGHT = 540;
const VALUE_LEFT = 552;
const TITLE_HEIGHT = 26;
const ROW_HEIGHT = 26;
const AXIS_HEIGHT = 26;
const PANEL_GAP = 14;

/** The smallest round axis end above every whisker. */
function axisMax(rows: readonly ChartRow[]): number {
  const highest = Math.max(0, ...rows.map((row) => (Number.isFinite(row.high) ? row.high : 0)));
  const ends = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1];
  return ends.find((end) => end >= highest * 1.05) ?? 1;
}

function panelSvg(panel: ChartPanel, top: number): { svg: string; height: number } {
  const axis = linearAxis(axisMax(panel.rows), PLOT_LEFT, PLOT_RIGHT - PLOT_LEFT);
  const plotTop = top + TITLE_HEIGHT;
  const plotBottom = plotTop + panel.rows.length * ROW_HEIGHT;
  const ticks = tickValues(axis.top, axis.top / 4);
  const parts: string[] = [
    svgText(PLOT_LEFT, top + 17, panel.title, { class: "title" }),
    ...gridLines(axis, ticks, plotTop, plotBottom, { class: "grid" }),
    ...ticks.map((value) =>
      svgText(axis.x(value), plotBottom + 16, percentText(value, axis.top < 0.05 ? 2 : 1), {
        class: "tick",
        "text-anchor": "middle",
      }),
    ),
  ];
  panel.rows.forEach((row, index) => {
    const y = plotTop + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    const cls = row.control ? "control" : "variant";
    parts.push(svgText(LABEL_RIGHT, y + 4, row.label, { class: "label", "text-anchor": "end" }));
    if (row.instead !== undefined || !Number.isFinite(row.rate)) {
      parts.push(svgText(PLOT_LEFT + 4, y + 4, row.instead ?? "no data", { class: "none" }));
      return;
    }
    parts.push(
      ...whisker(axis, { from: row.low, to: row.high, y, cap: 5, caps: "both" }, { class: `whisker ${cls}` }),
      dot(axis, row.rate, y, 5, { class: `dot ${cls}` }),
      svgText(VALUE_LEFT, y + 4, `${percentText(row.rate)} [${percentText(row.low)} – ${percentText(row.high)}]`, {
        class: "value",
      }),
    );
  });
  return { svg: parts.join("\n"), height: TITLE_HEIGHT + panel.rows.length * ROW_HEIGHT + AXIS_HEIGHT };
}

/** One SVG element holding every panel, stacked. */
export function rateChartSvg(panels: readonly ChartPanel[], description: string): string {
  let top = 0;
  const bodies: string[] = [];
  for (const panel of panels) {
    const { svg, height } = panelSvg(panel, top);
    bodies.push(svg);
    top += height + PANEL_GAP;
  }
  const height = Math.max(0, top - PANEL_GAP);
  const style = [
    "text{font:12px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#222}",
    ".title{font-weight:600} .tick{fill:#666;font-size:11px} .none{fill:#888;font-style:italic}",
    ".grid{stroke:#e3e3e3} .whisker{stroke-width:2} .control{stroke:#555;fill:#555} .variant{stroke:#1f6fb2;fill:#1f6fb2}",
  ];
  return svgDocument({ width: WIDTH, height, title: description, style }, bodies, { role: "img" });
}
