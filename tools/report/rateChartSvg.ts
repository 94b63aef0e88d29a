/**
 * An inline SVG chart of rates per variant: a dot at each rate and whiskers
 * for its 95% interval, one panel per metric, on a shared 0-based axis per
 * panel. Plain SVG with its own styling: no script, font or file from
 * anywhere, so the report reads offline and prints.
 */
import { escapeHtml } from "../../src/html/escapeHtml";
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

const f = (n: number) => n.toFixed(1);

function panelSvg(panel: ChartPanel, top: number): { svg: string; height: number } {
  const max = axisMax(panel.rows);
  const x = (value: number) => PLOT_LEFT + (Math.min(Math.max(value, 0), max) / max) * (PLOT_RIGHT - PLOT_LEFT);
  const plotTop = top + TITLE_HEIGHT;
  const plotBottom = plotTop + panel.rows.length * ROW_HEIGHT;
  const parts: string[] = [`<text class="title" x="${PLOT_LEFT}" y="${top + 17}">${escapeHtml(panel.title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const gx = f(x(value));
    parts.push(
      `<line class="grid" x1="${gx}" y1="${plotTop}" x2="${gx}" y2="${plotBottom}"/>`,
      `<text class="tick" x="${gx}" y="${plotBottom + 16}" text-anchor="middle">${percentText(value, max < 0.05 ? 2 : 1)}</text>`,
    );
  }
  panel.rows.forEach((row, index) => {
    const y = plotTop + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    const cls = row.control ? "control" : "variant";
    parts.push(`<text class="label" x="${LABEL_RIGHT}" y="${y + 4}" text-anchor="end">${escapeHtml(row.label)}</text>`);
    if (row.instead !== undefined || !Number.isFinite(row.rate)) {
      parts.push(`<text class="none" x="${PLOT_LEFT + 4}" y="${y + 4}">${escapeHtml(row.instead ?? "no data")}</text>`);
      return;
    }
    const [lo, hi, at] = [x(row.low), x(row.high), x(row.rate)].map(f);
    parts.push(
      `<line class="whisker ${cls}" x1="${lo}" y1="${y}" x2="${hi}" y2="${y}"/>`,
      `<line class="whisker ${cls}" x1="${lo}" y1="${y - 5}" x2="${lo}" y2="${y + 5}"/>`,
      `<line class="whisker ${cls}" x1="${hi}" y1="${y - 5}" x2="${hi}" y2="${y + 5}"/>`,
      `<circle class="dot ${cls}" cx="${at}" cy="${y}" r="5"/>`,
      `<text class="value" x="${VALUE_LEFT}" y="${y + 4}">${percentText(row.rate)} ` +
        `[${percentText(row.low)} – ${percentText(row.high)}]</text>`,
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
  return [
    `<svg role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title>${escapeHtml(description)}</title>`,
    "<style>",
    "text{font:12px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#222}",
    ".title{font-weight:600} .tick{fill:#666;font-size:11px} .none{fill:#888;font-style:italic}",
    ".grid{stroke:#e3e3e3} .whisker{stroke-width:2} .control{stroke:#555;fill:#555} .variant{stroke:#1f6fb2;fill:#1f6fb2}",
    "</style>",
    ...bodies,
    "</svg>",
  ].join("\n");
}
