/**
 * The Wilson score interval of a proportion x/n (95% by default): unlike the
 * plain ±1.96·√(p(1−p)/n), it stays inside [0, 1] and does not collapse to a
 * point at 0/n or n/n, which small variants often are. Used for the whiskers
 * of each variant's rate.
 */
import { Z_95 } from "./normalCdf";

export function wilsonInterval(successes: number, trials: number, z = Z_95): { low: number; high: number } {
  if (trials <= 0) return { low: Number.NaN, high: Number.NaN };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
