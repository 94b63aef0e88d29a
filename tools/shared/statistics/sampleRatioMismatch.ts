/**
 * Sample-ratio mismatch: did the variants get the shoppers their weights say
 * they should? A chi-square goodness-of-fit test of the exposed shoppers per
 * variant against the expected shares, with k − 1 degrees of freedom. A
 * mismatch (p < 0.001 by default, the usual bar, so that it almost never
 * fires by chance) means something other than the coin decided who saw what
 * (a bug, a redirect, a bot, a cache), and the experiment's figures cannot be
 * trusted, however significant they look.
 */
import { chiSquareSurvival } from "./distributions";

export interface SampleRatio {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly mismatch: boolean;
}

/**
 * `shares` need not add up to 1 (they are normalised). A cell expected to be
 * empty that is empty is left out; one expected empty that is not makes the
 * mismatch certain. Undefined with fewer than two cells or nobody observed.
 */
export function sampleRatioMismatch(
  observed: readonly number[],
  shares: readonly number[],
  threshold = 0.001,
): SampleRatio | undefined {
  const total = observed.reduce((sum, count) => sum + count, 0);
  const shareTotal = shares.reduce((sum, share) => sum + share, 0);
  if (total <= 0 || !(shareTotal > 0) || observed.length !== shares.length) return undefined;
  let chiSquare = 0;
  let cells = 0;
  observed.forEach((count, i) => {
    const expected = (total * (shares[i] ?? 0)) / shareTotal;
    if (expected === 0) {
      if (count === 0) return;
      cells++;
      chiSquare = Number.POSITIVE_INFINITY;
      return;
    }
    cells++;
    chiSquare += (count - expected) ** 2 / expected;
  });
  const df = cells - 1;
  if (df < 1) return undefined;
  const pValue = chiSquare === Number.POSITIVE_INFINITY ? 0 : chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < threshold };
}
