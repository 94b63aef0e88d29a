/**
 * Deterministic bucketing: a shopper's anonymous id and a seed string map to
 * a number in [0, 1), the same every time and spread evenly. The hash is
 * 32-bit FNV-1a applied twice (the second pass over the decimal digits of the
 * first), as GrowthBook's v2 hashing does, which evens out FNV-1a's weak high
 * bits on short, similar inputs:
 *
 *   bucket(seed, id) = fnv1a(String(fnv1a(seed + id))) / 2^32
 *
 * Each use gets its own seed ("traffic:<key>", "variant:<key>", "ns:<name>",
 * "holdout:<key>"), so the decisions are independent of one another.
 */
import { fnv1a } from "./seededRandom";

export function bucket(seed: string, id: string): number {
  return fnv1a(String(fnv1a(`${seed}${id}`))) / 4_294_967_296;
}
