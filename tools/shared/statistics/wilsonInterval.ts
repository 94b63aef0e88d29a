/**
 * The Wilson score interval of a proportion x/n (95% by default): unlike the
 * plain ±1.96·√(p(1−p)/n), it stays inside [0, 1] and does not collapse to a
 * point at 0/n or n/n, which small variants often are. Used for the whiskers
 * of each variant's rate. It is a closed form over the normal quantile
 * (Z_95, from the library); no maintained package offers the interval itself.
 */
import { Z_95 } from "./distributions";

export function wilsonInterval(successes: number, trials: number, z = Z_95): { low: number; high: number } {
  if (trials <= 0) return { low: Number.NaN, high: Number.NaN };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  // At 0/n and n/n the bound is exactly 0 or 1; computed, it could be off by a rounding error.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === trials ? 1 : Math.min(1, centre + half);
  return { low, high };
}
