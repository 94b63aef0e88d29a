/**
 * The sample-ratio check of one experiment, with the notes a reader needs
 * about it. The shares it checks against are the ones the events carry: the
 * shares in force when the shoppers were placed.
 */
import type { ExperimentTally, VariantTally } from "./EventTally";
import { type SampleRatio, sampleRatioMismatch } from "../shared/statistics";

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function sampleRatio(variants: readonly VariantTally[], notes: string[]): SampleRatio | undefined {
  if (variants.length < 1 || variants.some((variant) => variant.share === undefined)) {
    if (variants.length > 1) notes.push("some events carry no expected share, so the sample ratio is not checked");
    return undefined;
  }
  // Sampled counts are weighted up; the test needs what was observed.
  const observed = variants.map((variant) => variant.effectiveExposed);
  const shares = variants.map((variant) => variant.share ?? 0);
  const total = shares.reduce((sum, share) => sum + share, 0);
  // A variant nobody was exposed to does not appear in the events at all;
  // its expected share stands in as an empty cell, so its absence counts.
  if (total < 0.999) {
    notes.push(`variants expected to get ${percent(1 - total)} of shoppers never appear in the events`);
    observed.push(0);
    shares.push(1 - total);
  }
  return sampleRatioMismatch(observed, shares);
}

/**
 * True when a variant's events carried more than one share: a bandit moves its
 * shares (each shopper's events carry the share of the cohort they were placed
 * in), or someone edited the weights. Shoppers were then placed under different
 * splits, and no one split is the one to test the counts against.
 */
export function sharesMoved(tally: ExperimentTally): boolean {
  return tally.variants.some((variant) => variant.shares.length > 1);
}

/** The check (undefined when it cannot be made), its warning first among `notes` when it fails. */
export function sampleRatioCheck(tally: ExperimentTally, notes: string[]): SampleRatio | undefined {
  if (sharesMoved(tally)) {
    const moved = tally.variants.filter((variant) => variant.shares.length > 1);
    notes.push(
      `the shares moved while it ran (${moved.map((v) => `${v.variant}: ${v.shares.map(percent).join(", ")}`).join("; ")}), ` +
        `as a bandit's do: the sample ratio is not checked, as there is no one split to check it against`,
    );
    return undefined;
  }
  const srm = sampleRatio(tally.variants, notes);
  if (srm?.mismatch) {
    const split = tally.variants.map((variant) => `${variant.variant} ${variant.exposed}`).join(", ");
    notes.unshift(
      `SAMPLE RATIO MISMATCH (p = ${srm.pValue < 1e-6 ? srm.pValue.toExponential(1) : srm.pValue.toFixed(4)}): ` +
        `exposed shoppers ${split} do not match the weights; do not trust these figures until the cause is found`,
    );
  }
  return srm;
}
