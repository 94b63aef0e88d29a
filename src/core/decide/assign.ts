/**
 * Which variant of an experiment a shopper sees, if any. Pure and sticky:
 * enrolment and variant come from separate buckets, so raising the traffic
 * only lets more shoppers in and never moves one who was already in.
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

export interface CompiledExperiment<T = unknown> {
  readonly key: string;
  /** Enrolled fraction of eligible shoppers, 0–1. */
  readonly traffic: number;
  readonly variants: readonly CompiledVariant<T>[];
  readonly namespace: { readonly name: string; readonly from: number; readonly to: number } | undefined;
}

export function assignVariant<T>(experiment: CompiledExperiment<T>, shopperId: string): CompiledVariant<T> | undefined {
  const { namespace } = experiment;
  if (namespace) {
    const slice = bucket(`ns:${namespace.name}:`, shopperId);
    if (slice < namespace.from || slice >= namespace.to) return undefined;
  }
  if (bucket(`traffic:${experiment.key}:`, shopperId) >= experiment.traffic) return undefined;
  let point = bucket(`variant:${experiment.key}:`, shopperId);
  for (const variant of experiment.variants) {
    if (point < variant.share) return variant;
    point -= variant.share;
  }
  // Rounding can leave a sliver past the last share: it belongs to the last variant.
  return experiment.variants.findLast((variant) => variant.share > 0);
}

/** Shoppers kept out of all personalization, to measure the whole program. */
export function inHoldout(holdout: { key: string; percent: number } | undefined, shopperId: string): boolean {
  return holdout !== undefined && bucket(`holdout:${holdout.key}:`, shopperId) < holdout.percent / 100;
}
