/**
 * Which variant of an experiment a shopper sees, if any. Pure and sticky:
 * enrolment and variant come from separate buckets, so raising the traffic
 * only lets more shoppers in and never moves one who was already in.
 *
 * A bandit's shares change over time, and a bucket read against new shares
 * could land in another variant. So each reweighting starts a cohort (an
 * epoch): a shopper is placed with the shares of the epoch in force when
 * tact first saw them (the cookie's first-seen time), which never changes
 * for them afterwards; shoppers seen before the first epoch keep the weights
 * as written. The bandit thus steers newcomers only, and nobody switches.
 */
import { bucket } from "./bucket";

export interface CompiledVariant<T = unknown> {
  readonly id: string;
  /** Expected share of enrolled shoppers, 0–1 (weights normalized). */
  readonly share: number;
  readonly control: "nothing" | "baseline" | undefined;
  /** What the variant changes; undefined for a control. */
  readonly change: T | undefined;
}

/** Shares in force from `from` (epoch seconds), one per variant in the experiment's order. */
export interface BanditEpoch {
  readonly from: number;
  readonly shares: readonly number[];
}

export interface CompiledBandit {
  readonly metric: "click" | "conversion";
  /** The least share the bandit leaves a variant. */
  readonly floor: number;
  /** Oldest first; empty until the first reweighting. */
  readonly epochs: readonly BanditEpoch[];
}

export interface CompiledExperiment<T = unknown> {
  readonly key: string;
  /** Enrolled fraction of eligible shoppers, 0–1. */
  readonly traffic: number;
  readonly variants: readonly CompiledVariant<T>[];
  readonly namespace: { readonly name: string; readonly from: number; readonly to: number } | undefined;
  /** Present when the experiment's allocation is "bandit". */
  readonly bandit?: CompiledBandit | undefined;
}

/**
 * The shopper's variant; `firstSeen` (epoch seconds, from the cookie) places
 * them in a bandit's cohort. Its `share` is the one they were placed with.
 */
export function assignVariant<T>(
  experiment: CompiledExperiment<T>,
  shopperId: string,
  firstSeen?: number,
): CompiledVariant<T> | undefined {
  const { namespace } = experiment;
  if (namespace) {
    const slice = bucket(`ns:${namespace.name}:`, shopperId);
    if (slice < namespace.from || slice >= namespace.to) return undefined;
  }
  if (bucket(`traffic:${experiment.key}:`, shopperId) >= experiment.traffic) return undefined;
  const variants = withCohortShares(experiment, firstSeen);
  let point = bucket(`variant:${experiment.key}:`, shopperId);
  for (const variant of variants) {
    if (point < variant.share) return variant;
    point -= variant.share;
  }
  // Rounding can leave a sliver past the last share: it belongs to the last variant.
  return variants.findLast((variant) => variant.share > 0);
}

/** The variants with the shares of the shopper's cohort (the written ones outside a bandit). */
function withCohortShares<T>(experiment: CompiledExperiment<T>, firstSeen: number | undefined) {
  const epochs = experiment.bandit?.epochs ?? [];
  const epoch = firstSeen === undefined ? undefined : epochs.findLast((candidate) => candidate.from <= firstSeen);
  if (!epoch) return experiment.variants;
  return experiment.variants.map((variant, index) => ({ ...variant, share: epoch.shares[index] ?? 0 }));
}

/** Shoppers kept out of all personalization, to measure the whole program. */
export function inHoldout(holdout: { key: string; percent: number } | undefined, shopperId: string): boolean {
  return holdout !== undefined && bucket(`holdout:${holdout.key}:`, shopperId) < holdout.percent / 100;
}
