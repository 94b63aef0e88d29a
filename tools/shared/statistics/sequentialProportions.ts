/**
 * Always-valid comparisons of two proportions x_t/n_t against x_c/n_c (the
 * unit is the shopper), on the mixture boundary of mixtureSequentialTest:
 *
 * - the difference p_t − p_c, variance p_t(1 − p_t)/n_t + p_c(1 − p_c)/n_c;
 * - the ratio p_t/p_c, on the log scale (delta method, Katz's variance
 *   (1 − p_t)/x_t + (1 − p_c)/x_c), reported as a relative lift
 *   exp(bounds) − 1, so it stays above −100%.
 *
 * Both use N = n_t + n_c units and the same tuning. They are two views of one
 * experiment; near the boundary one may leave out 0 while the other just
 * includes it. The report decides on the difference's p-value.
 */
import { type SequentialTest, mixtureSequentialTest } from "./mixtureSequentialTest";

export interface Proportion {
  readonly successes: number;
  readonly trials: number;
}

export const DEFAULT_TUNED_FOR = 10_000;

export function sequentialDifference(
  treated: Proportion,
  control: Proportion,
  tunedFor = DEFAULT_TUNED_FOR,
  alpha = 0.05,
): SequentialTest | undefined {
  if (treated.trials <= 0 || control.trials <= 0) return undefined;
  const pt = treated.successes / treated.trials;
  const pc = control.successes / control.trials;
  const variance = (pt * (1 - pt)) / treated.trials + (pc * (1 - pc)) / control.trials;
  const test = mixtureSequentialTest(pt - pc, variance, treated.trials + control.trials, tunedFor, alpha);
  // A difference of two proportions lies in [−1, 1]; early on the boundary is wider than that.
  return test && { ...test, low: Math.max(-1, test.low), high: Math.min(1, test.high) };
}

/** The relative lift p_t/p_c − 1 and its confidence sequence; needs successes on both sides. */
export function sequentialLift(
  treated: Proportion,
  control: Proportion,
  tunedFor = DEFAULT_TUNED_FOR,
  alpha = 0.05,
): SequentialTest | undefined {
  if (treated.trials <= 0 || control.trials <= 0 || treated.successes <= 0 || control.successes <= 0) {
    return undefined;
  }
  const pt = treated.successes / treated.trials;
  const pc = control.successes / control.trials;
  const variance = (1 - pt) / treated.successes + (1 - pc) / control.successes;
  const log = mixtureSequentialTest(Math.log(pt / pc), variance, treated.trials + control.trials, tunedFor, alpha);
  if (!log) return undefined;
  return { estimate: pt / pc - 1, low: Math.exp(log.low) - 1, high: Math.exp(log.high) - 1, pValue: log.pValue };
}
