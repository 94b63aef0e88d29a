/** How the report writes its numbers, the same in the terminal and in HTML. */
import type { VariantResult } from "./analyzeEvents";

/** 0.1234 → "12.3%"; NaN → "–". */
export function percentText(value: number | undefined, decimals = 1): string {
  return value === undefined || !Number.isFinite(value) ? "–" : `${(value * 100).toFixed(decimals)}%`;
}

/** 0.1234 → "+12.3%", −0.05 → "−5.0%". */
export function signedPercentText(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const text = `${Math.abs(value * 100).toFixed(1)}%`;
  return value < 0 && text !== "0.0%" ? `−${text}` : `+${text}`;
}

/** Three decimals, and "< 0.001" below that. */
export function pValueText(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "–";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function countText(value: number): string {
  return value.toLocaleString("en-US");
}

/** A difference of rates in percentage points: 0.012 → "+1.2 pts". */
export function pointsText(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const text = `${Math.abs(value * 100).toFixed(1)} pts`;
  return value < 0 && !text.startsWith("0.0 ") ? `−${text}` : `+${text}`;
}

/** "[low, high]" with `format`, or a reason there is none. */
export function intervalText(
  low: number | undefined,
  high: number | undefined,
  format: (value: number | undefined) => string,
): string {
  return low === undefined || high === undefined ? "(no interval: no successes)" : `[${format(low)}, ${format(high)}]`;
}

/** A probability as a percentage with no false certainty: never "100%" or "0%". */
export function probabilityText(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "–";
  if (p > 0.999) return "> 99.9%";
  if (p < 0.001) return "< 0.1%";
  return percentText(p);
}

/** A date from unix seconds: "2026-11-23". */
export function dateText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * A variant's row after its name: expected share, shoppers, exposures, clicks,
 * CTR, conversions, conversion rate. A holdout carries no block, so it has no CTR.
 */
export function variantFigures(variant: VariantResult, holdout = false): string[] {
  return [
    percentText(variant.expectedShare),
    countText(variant.exposed),
    countText(variant.exposures),
    countText(variant.ctr.successes),
    holdout ? "–" : variant.hidden ? "shows nothing" : percentText(variant.ctr.rate),
    countText(variant.conversion.successes),
    percentText(variant.conversion.rate),
  ];
}
