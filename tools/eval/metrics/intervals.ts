/**
 * 95% intervals for the figures. A hit rate is a proportion of predictions,
 * so it gets the Wilson score interval (tools/shared/statistics, as the report), which stays inside
 * [0, 1] and does not collapse to a point at 0 hits on a small test set. MRR
 * and paired differences are means of values in [0, 1] or [−1, 1]: with
 * hundreds of predictions or more, the normal approximation, mean ± z·s/√n
 * (s the sample standard deviation), is what is used here.
 */
import { Z_95, wilsonInterval } from "../../shared/statistics";

export const LEVEL = 0.95;
export const Z = Z_95;

export type Interval = readonly [low: number, high: number];

export function proportionInterval(successes: number, trials: number): Interval {
  const { low, high } = wilsonInterval(successes, trials, Z);
  return [low, high];
}

/** The normal-approximation interval of a mean, from the sum and the sum of squares of n values. */
export function meanInterval(sum: number, squares: number, n: number, z = Z): Interval {
  if (n <= 1) return [Number.NaN, Number.NaN];
  const mean = sum / n;
  const variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
  const half = z * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}
