/**
 * Worker log lines for the report's tests (report*.test.ts), and a small
 * fixed data set whose figures were worked out by hand.
 */
import { expect } from "vitest";
import { DEFAULT_OPTIONS, analyzeEvents, parseControls } from "../../tools/report/analyzeEvents";
import type { AnalysisOptions } from "../../tools/report/compareToControl";
import type { EventRow } from "../../tools/report/EventRow";
import { EventTally } from "../../tools/report/EventTally";
import { NOW } from "./cliHarness";

export type Line = Record<string, unknown>;

/** One Worker log line (src/edges/events/emitEvents.ts). */
export function line(type: string, fields: Line): Line {
  return { level: "info", event: "tact.event", type, ts: NOW - 3600, path: "/", ...fields };
}
export const expose = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("exposure", { rule: "home-for-you", experiment, variant, share: 0.5, shown: true, items: 4, shopper, ...extra });
export const clickOn = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("click", { rule: "home-for-you", experiment, variant, item: "p07", shopper, ...extra });
export const convert = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("conversion", { experiment, variant, share: 0.5, shopper, path: "/checkout/complete", ...extra });
export const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);

/**
 * The fixed data set, experiment "home-heading" (50/50), rule "home-for-you":
 *
 *   control: c01…c10 exposed (c01 twice: 11 exposures, 10 shoppers)
 *            clicks by c01, c02, and by x99, who was never exposed (not counted)
 *            conversions by c01, and by y98, never exposed (not counted)
 *   warm:    w01…w10 exposed (10 exposures)
 *            clicks by w01 (twice), w02, w03, w04: 4 shoppers
 *            conversions by w01, w02, w03
 *   outside any experiment: rule "product-companions" shown to p01…p05, clicked by p01
 */
export const FIXED: Line[] = [
  ...ids("c", 10).map((shopper) => expose("home-heading", "control", shopper)),
  expose("home-heading", "control", "c01"),
  ...ids("w", 10).map((shopper) => expose("home-heading", "warm", shopper)),
  clickOn("home-heading", "control", "c01"),
  clickOn("home-heading", "control", "c02"),
  clickOn("home-heading", "control", "x99"),
  clickOn("home-heading", "warm", "w01"),
  clickOn("home-heading", "warm", "w01"),
  clickOn("home-heading", "warm", "w02"),
  clickOn("home-heading", "warm", "w03"),
  clickOn("home-heading", "warm", "w04"),
  convert("home-heading", "control", "c01"),
  convert("home-heading", "control", "y98"),
  convert("home-heading", "warm", "w01"),
  convert("home-heading", "warm", "w02"),
  convert("home-heading", "warm", "w03"),
  ...ids("p", 5).map((shopper) =>
    line("exposure", {
      rule: "product-companions",
      experiment: "",
      variant: "",
      share: 1,
      shown: true,
      items: 4,
      shopper,
    }),
  ),
  line("click", { rule: "product-companions", experiment: "", variant: "", item: "p02", shopper: "p01" }),
];

export function analyze(lines: readonly Line[], controls: string[] = [], options: Partial<AnalysisOptions> = {}) {
  const tally = new EventTally();
  for (const record of lines) {
    const { level: _level, event: _event, items: _items, item: _item, path: _path, ...row } = record;
    tally.add({ rule: "", experiment: "", variant: "", count: 1, weight: 1, ...row } as EventRow);
  }
  return analyzeEvents(tally.result(), parseControls(controls), { ...DEFAULT_OPTIONS, ...options });
}

export const jsonl = (lines: readonly Line[]) => `${lines.map((record) => JSON.stringify(record)).join("\n")}\n`;

/** |actual − expected| ≤ 1e-9 · |expected|. */
export const near = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-6);
