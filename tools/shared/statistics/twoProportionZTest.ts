/**
 * The pooled two-proportion z-test: are x₁/n₁ and x₂/n₂ different beyond
 * chance? Under "no difference" both come from p = (x₁ + x₂)/(n₁ + n₂), the
 * difference has standard error √(p(1 − p)(1/n₁ + 1/n₂)), and z is the
 * difference in those units; the p-value is two-sided.
 *
 * The unit is the shopper (each counted once, converted or not), which is
 * what randomisation assigned; counting page views instead would treat one
 * keen shopper as many independent ones and overstate the evidence.
 */
import { twoSidedPValue } from "./distributions";

export interface ZTest {
  readonly z: number;
  readonly pValue: number;
}

/** Undefined when there is nothing to test: an empty group, or no variation at all (p = 0 or 1). */
export function twoProportionZTest(
  treated: { successes: number; trials: number },
  control: { successes: number; trials: number },
): ZTest | undefined {
  if (treated.trials <= 0 || control.trials <= 0) return undefined;
  const pooled = (treated.successes + control.successes) / (treated.trials + control.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treated.trials + 1 / control.trials));
  if (!(se > 0)) return undefined;
  const z = (treated.successes / treated.trials - control.successes / control.trials) / se;
  return { z, pValue: twoSidedPValue(z) };
}
