/**
 * The bandit's document, kept in KV beside the ruleset under BANDIT_KEY and
 * written only by the Cron Trigger: per bandit experiment, the cohorts
 * (epochs) of its reweighting, oldest first. An example:
 *
 *   { "version": 1, "experiments": { "home-test": { "epochs": [
 *       { "from": 1796000000, "weights": { "control": 0.31, "treatment": 0.69 } } ] } } }
 *
 * Epochs are only ever appended: a shopper's cohort is fixed by when tact
 * first saw them, so dropping one would move its shoppers (see decide/assign).
 */
import * as v from "valibot";
import type { BanditEpoch } from "../decide/assign";
import type { CompiledRuleSet } from "./CompiledRuleSet";
import { IdSchema } from "./vocabulary";

export const BANDIT_KEY = "ruleset-bandit";

/** Enough for a reweighting every 6 hours for 100 days; then the weights stay as they are. */
export const MAX_EPOCHS = 400;

const EpochSchema = v.object({
  from: v.pipe(v.number(), v.integer(), v.minValue(0)),
  weights: v.record(IdSchema, v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});

export const BanditWeightsSchema = v.object({
  version: v.literal(1),
  experiments: v.record(IdSchema, v.object({ epochs: v.pipe(v.array(EpochSchema), v.maxLength(MAX_EPOCHS)) })),
});
export type BanditWeights = v.InferOutput<typeof BanditWeightsSchema>;
type Epoch = v.InferOutput<typeof EpochSchema>;

export const NO_BANDIT_WEIGHTS: BanditWeights = { version: 1, experiments: {} };

/** An epoch as assignment reads it, in the variants' order; undefined if it does not name them all. */
function compiledEpoch(epoch: Epoch, variants: readonly { id: string }[]): BanditEpoch | undefined {
  const shares = variants.map((variant) => epoch.weights[variant.id]);
  const total = shares.reduce<number>((sum, share) => sum + (share ?? 0), 0);
  if (shares.some((share) => share === undefined) || !(total > 0)) return undefined;
  return { from: epoch.from, shares: shares.map((share) => (share ?? 0) / total) };
}

/**
 * The ruleset with each bandit experiment's epochs in place. An epoch that
 * does not name the experiment's variants (they were edited since) is left
 * out, and listed in `stale`, so its shoppers fall back to an earlier epoch.
 */
export function withBanditWeights(
  ruleset: CompiledRuleSet,
  weights: BanditWeights,
): { ruleset: CompiledRuleSet; stale: string[] } {
  const stale = new Set<string>();
  const rules = ruleset.rules.map((rule) => {
    const { experiment } = rule;
    const written = experiment?.bandit && weights.experiments[experiment.key];
    if (!experiment?.bandit || !written) return rule;
    const epochs = written.epochs.flatMap((epoch) => {
      const compiled = compiledEpoch(epoch, experiment.variants);
      if (!compiled) stale.add(experiment.key);
      return compiled ? [compiled] : [];
    });
    return { ...rule, experiment: { ...experiment, bandit: { ...experiment.bandit, epochs } } };
  });
  return { ruleset: { ...ruleset, rules }, stale: [...stale] };
}

/** The document with a new epoch for one experiment, from `from` on. */
export function appendEpoch(weights: BanditWeights, key: string, epoch: Epoch): BanditWeights {
  const epochs = weights.experiments[key]?.epochs ?? [];
  return { ...weights, experiments: { ...weights.experiments, [key]: { epochs: [...epochs, epoch] } } };
}
