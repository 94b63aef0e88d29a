/** The sample-ratio check of one experiment, with the notes a reader needs about it. */
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

/** The check (undefined when it cannot be made), its warning first among `notes` when it fails. */
export function sampleRatioCheck(tally: ExperimentTally, notes: string[]): SampleRatio | undefined {
  const srm = sampleRatio(tally.variants, notes);
  if (srm?.mismatch) {
    const split = tally.variants.map((variant) => `${variant.variant} ${variant.exposed}`).join(", ");
    notes.unshift(
      `SAMPLE RATIO MISMATCH (p = ${srm.pValue < 1e-6 ? srm.pValue.toExponential(1) : srm.pValue.toFixed(4)}): ` +
        `exposed shoppers ${split} do not match the weights; do not trust these figures until the cause is found`,
    );
  }
  for (const variant of tally.variants) {
    if (variant.shares.length > 1) {
      notes.push(
        `the weights changed while it ran (${variant.variant}: ${variant.shares.map(percent).join(", ")}); ` +
          `the sample-ratio check uses the latest`,
      );
    }
  }
  return srm;
}
