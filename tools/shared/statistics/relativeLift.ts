/**
 * Relative lift of a treatment's rate over the control's, (p_t − p_c) / p_c,
 * with a 95% confidence interval from the delta method on the log of the
 * ratio (Katz's interval for a risk ratio):
 *
 *   se(ln(p_t/p_c)) = √(1/x_t − 1/n_t + 1/x_c − 1/n_c)
 *   lift interval   = exp(ln(p_t/p_c) ± 1.96·se) − 1
 *
 * The log scale keeps the interval asymmetric as a ratio should be (a lift
 * cannot fall below −100%). It needs at least one success on each side; with
 * none the lift (or its interval) is left undefined rather than made up. Its
 * interval and the pooled z-test answer slightly different questions, so near
 * the 5% line one may exclude 0 while the other's p is just above 0.05.
 */
import { Z_95 } from "./distributions";

export interface Lift {
  readonly lift: number;
  /** The interval, when both sides have successes. */
  readonly low: number | undefined;
  readonly high: number | undefined;
}

export function relativeLift(
  treated: { successes: number; trials: number },
  control: { successes: number; trials: number },
  z = Z_95,
): Lift | undefined {
  if (treated.trials <= 0 || control.trials <= 0 || control.successes <= 0) return undefined;
  const ratio = treated.successes / treated.trials / (control.successes / control.trials);
  if (treated.successes <= 0) return { lift: ratio - 1, low: undefined, high: undefined };
  const se = Math.sqrt(1 / treated.successes - 1 / treated.trials + 1 / control.successes - 1 / control.trials);
  const log = Math.log(ratio);
  return { lift: ratio - 1, low: Math.exp(log - z * se) - 1, high: Math.exp(log + z * se) - 1 };
}
