/**
 * One reweighting of a bandit, as plain data: which experiments are bandits,
 * and the bandit's document after a round of Thompson sampling. A new epoch
 * starts a little in the future, so that every edge has read it before the
 * first shopper it applies to turns up (KV and the isolate's copy of the
 * ruleset take about a minute to catch up); a shopper first seen before then
 * stays in the cohort they were placed in.
 */
import { type BanditWeights, MAX_EPOCHS, appendEpoch } from "../ruleset/BanditWeights";
import type { CompiledRuleSet } from "../ruleset/CompiledRuleSet";
import { type Arm, thompsonShares } from "./thompsonShares";

/** Draws per reweighting: the shares' Monte Carlo error is under 0.005 (√(¼ / 10,000)). */
export const DRAWS = 10_000;
/** Shares that moved less than this are not worth a new cohort. */
export const MIN_CHANGE = 0.01;
/** How far ahead of the reweighting a new epoch starts. */
export const EPOCH_LEAD_SECONDS = 600;

export interface BanditPlan {
  readonly key: string;
  readonly variants: readonly string[];
  readonly metric: "click" | "conversion";
  readonly floor: number;
  /** The shares as written in the ruleset. */
  readonly written: readonly number[];
}

/** The ruleset's bandit experiments, each once (rules may share an experiment). */
export function banditExperiments(ruleset: CompiledRuleSet): BanditPlan[] {
  const plans = new Map<string, BanditPlan>();
  for (const { experiment } of ruleset.rules) {
    if (!experiment?.bandit || plans.has(experiment.key)) continue;
    const { metric, floor } = experiment.bandit;
    const variants = experiment.variants.map((variant) => variant.id);
    plans.set(experiment.key, {
      key: experiment.key,
      variants,
      metric,
      floor,
      written: experiment.variants.map((x) => x.share),
    });
  }
  return [...plans.values()];
}

export interface NextWeights {
  readonly weights: BanditWeights;
  readonly outcome: "appended" | "unchanged" | "full";
  readonly shares: readonly number[];
}

export function nextWeights(
  weights: BanditWeights,
  plan: BanditPlan,
  arms: readonly Arm[],
  options: { readonly now: number; readonly random: () => number },
): NextWeights {
  const shares = thompsonShares(arms, { floor: plan.floor, draws: DRAWS, random: options.random });
  const epochs = weights.experiments[plan.key]?.epochs ?? [];
  const last = epochs.at(-1);
  const before = last ? plan.variants.map((id) => last.weights[id] ?? 0) : plan.written;
  const moved = shares.some((share, index) => Math.abs(share - (before[index] ?? 0)) >= MIN_CHANGE);
  if (!moved) return { weights, outcome: "unchanged", shares };
  if (epochs.length >= MAX_EPOCHS) return { weights, outcome: "full", shares };
  const rounded = shares.map((share) => Math.round(share * 10_000) / 10_000);
  const epoch = {
    from: options.now + EPOCH_LEAD_SECONDS,
    weights: Object.fromEntries(plan.variants.map((id, index) => [id, rounded[index] ?? 0])),
  };
  return { weights: appendEpoch(weights, plan.key, epoch), outcome: "appended", shares: rounded };
}
