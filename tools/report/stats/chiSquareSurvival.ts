/** P(X ≥ x) for X chi-square distributed with `df` degrees of freedom: Q(df/2, x/2). */
import { regularizedGammaQ } from "./incompleteGamma";

export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
