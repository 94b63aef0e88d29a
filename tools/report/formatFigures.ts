/** How the report writes its numbers, the same in the terminal and in HTML. */
import type { Lift } from "../shared/statistics";

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

export function liftText(lift: Lift | undefined): { lift: string; interval: string } {
  if (!lift) return { lift: "–", interval: "" };
  const interval =
    lift.low === undefined || lift.high === undefined
      ? "(no interval: no successes)"
      : `[${signedPercentText(lift.low)}, ${signedPercentText(lift.high)}]`;
  return { lift: signedPercentText(lift.lift), interval };
}

/** Three decimals, and "< 0.001" below that. */
export function pValueText(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "–";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

export function countText(value: number): string {
  return value.toLocaleString("en-US");
}
