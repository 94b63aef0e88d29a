/**
 * The standard normal distribution, through erfc. The approximation is the
 * Chebyshev fit of Numerical Recipes (erfcc): fractional error below 1.2e-7
 * for every x, so tail probabilities (tiny p-values) keep their relative
 * accuracy, where the common Abramowitz–Stegun 7.1.26 has only an absolute
 * 1.5e-7 and says nothing useful below about 1e-6.
 */

/** The complementary error function, erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const tail = t * Math.exp(-z * z + poly);
  return x >= 0 ? tail : 2 - tail;
}

export function erf(x: number): number {
  return 1 - erfc(x);
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The 97.5th percentile of the standard normal: a 95% interval is ±1.96 standard errors. */
export const Z_95 = 1.959963984540054;
