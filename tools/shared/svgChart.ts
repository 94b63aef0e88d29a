/**
 * The one SVG chart writer: the pieces a horizontal chart is drawn with (a
 * linear axis, grid lines and ticks, bars, dots, whiskers, labels) and the
 * document around them. Plain SVG with its own styling: no script, font or
 * file from anywhere, so a chart reads offline and prints. The report's rate
 * chart (tools/report/rateChartSvg.ts) and the bench chart
 * (bench/report/chart.ts) are drawn with it.
 */
import { escapeHtml } from "../../src/html/escapeHtml";

type Attributes = Readonly<Record<string, string | number | undefined>>;

const coordinate = (value: string | number) => (typeof value === "number" ? String(+value.toFixed(1)) : value);

/** Attributes as text, each after a space; left out when undefined. */
function attributeText(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeHtml(coordinate(value))}"`)
    .join("");
}

/** One SVG element; text content is escaped. */
export function svgElement(name: string, attributes: Attributes, text?: string): string {
  const attrs = attributeText(attributes);
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeHtml(text)}</${name}>`;
}

/** A text label at (x, y). */
export function svgText(x: number, y: number, text: string, attributes: Attributes = {}): string {
  return svgElement("text", { x, y, ...attributes }, text);
}

/** A horizontal axis: values from 0 to `top` onto `left` to `left + width`, clamped unless asked not to. */
export interface Axis {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  /** The x of a value. */
  x(value: number): number;
}

export function linearAxis(top: number, left: number, width: number): Axis {
  const x = (value: number) => left + (Math.min(Math.max(value, 0), top) / top) * width;
  return { top, left, width, x };
}

/** The 1, 2, 2.5 or 5 × 10ⁿ step that cuts 0…max into about five. */
export function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => rough <= s) ?? rough;
}

/** The axis end: the first whole step at or above max. */
export function niceTop(max: number): number {
  const step = niceStep(max);
  return Math.ceil(max / step) * step;
}

/** 0, step, 2·step, … up to the axis end (with room for rounding). */
export function tickValues(top: number, step: number): number[] {
  const values: number[] = [];
  for (let value = 0; value <= top + step / 1000; value += step) values.push(value);
  return values;
}

/** Vertical grid lines from `from` to `to` at each value. */
export function gridLines(axis: Axis, values: readonly number[], from: number, to: number, attributes: Attributes) {
  return values.map((value) =>
    svgElement("line", { x1: axis.x(value), y1: from, x2: axis.x(value), y2: to, ...attributes }),
  );
}

/** A bar from the axis start to `value`, `height` high, its top at y. */
export function bar(axis: Axis, value: number, y: number, height: number, attributes: Attributes): string {
  return svgElement("rect", { x: axis.left, y, width: axis.x(value) - axis.left, height, ...attributes });
}

/**
 * A whisker from `from` to `to` at height y, with a cap of `cap` either side
 * of the line at the end (or at both ends).
 */
export function whisker(
  axis: Axis,
  { from, to, y, cap, caps }: { from: number; to: number; y: number; cap: number; caps: "both" | "end" },
  attributes: Attributes,
): string[] {
  const [x1, x2] = [axis.x(from), axis.x(to)];
  const capAt = (x: number) => svgElement("line", { x1: x, y1: y - cap, x2: x, y2: y + cap, ...attributes });
  const line = svgElement("line", { x1, y1: y, x2, y2: y, ...attributes });
  return caps === "both" ? [line, capAt(x1), capAt(x2)] : [line, capAt(x2)];
}

/** A dot at `value`, height y. */
export function dot(axis: Axis, value: number, y: number, r: number, attributes: Attributes): string {
  return svgElement("circle", { cx: axis.x(value), cy: y, r, ...attributes });
}

/** The SVG document: a title for screen readers, its own style sheet, the body. */
export function svgDocument(
  { width, height, title, style }: { width: number; height: number; title?: string; style: readonly string[] },
  body: readonly string[],
  attributes: Attributes = {},
): string {
  return [
    `<svg${attributeText({ ...attributes, viewBox: `0 0 ${width} ${height}`, width, height })}>`,
    ...(title === undefined ? [] : [svgElement("title", {}, title)]),
    "<style>",
    ...style,
    "</style>",
    ...body,
    "</svg>",
  ].join("\n");
}
