/**
 * The distributions the report's tests stand on, from stdlib's maintained
 * implementations: the standard normal (its CDF through erfc, so tiny tail
 * probabilities keep their relative accuracy) and the chi-square survival
 * function as the regularized upper incomplete gamma Q(df/2, x/2), computed
 * directly rather than as 1 − CDF, which would round a strong sample-ratio
 * mismatch's p-value to 0.
 */
import gammainc from "@stdlib/math-base-special-gammainc";
import normalCdfAt from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return normalCdfAt(z, 0, 1);
}

/** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** The 97.5th percentile of the standard normal: a 95% interval is ±Z_95 standard errors. */
export const Z_95 = normalQuantile(0.975, 0, 1);

/** P(X ≥ x) for X chi-square distributed with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}
