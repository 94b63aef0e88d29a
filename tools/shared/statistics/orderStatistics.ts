/**
 * Order statistics for the bench (medians of rounds, percentiles of
 * latencies), from d3-array: the q-quantile interpolates linearly between
 * neighbours (R's type 7). NaN for no values, so an empty cell shows as such
 * instead of failing the whole report.
 */
import { quantile as d3Quantile } from "d3-array";

/** The q-quantile (0..1) of `values`; NaN when there are none. */
export function quantile(values: Iterable<number>, q: number): number {
  return d3Quantile(values, q) ?? Number.NaN;
}

export function median(values: Iterable<number>): number {
  return quantile(values, 0.5);
}
