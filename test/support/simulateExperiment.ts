/**
 * Simulated experiments in the events format the report reads (the Worker's
 * log lines, src/edges/events/emitEvents.ts): shoppers arrive uniformly over
 * the days, are assigned a variant by its share, are exposed once, and click
 * and convert with the variant's true rates. Seeded (a Mersenne Twister from
 * stdlib), so a test that uses it gives the same figures on every run.
 */
import mt19937 from "@stdlib/random-base-mt19937";

export interface SimulatedVariant {
  readonly id: string;
  readonly share: number;
  /** True click-through rate per exposed shopper. */
  readonly ctr: number;
  /** True conversion rate per exposed shopper. */
  readonly conversion: number;
  /** A control that shows nothing (no clicks); default false. */
  readonly hidden?: boolean;
}

export interface SimulatedExperiment {
  readonly experiment: string;
  /** "" for the program holdout, which carries no rule. */
  readonly rule: string;
  readonly variants: readonly SimulatedVariant[];
  readonly shoppers: number;
  readonly days: number;
  /** Unix seconds of the first day's start. */
  readonly start: number;
}

/** A uniform draw on [0, 1) from a seeded generator (32 bits are plenty for coin flips). */
export function seededUniform(seed: number): () => number {
  const next = mt19937.factory({ seed });
  return () => next() / 4_294_967_296;
}

/** The experiment's event records, in time order. */
export function simulateExperiment(spec: SimulatedExperiment, uniform: () => number): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  const total = spec.variants.reduce((sum, variant) => sum + variant.share, 0);
  for (let i = 0; i < spec.shoppers; i++) {
    const ts = spec.start + Math.floor(uniform() * spec.days * 86_400);
    let pick = uniform() * total;
    const variant = spec.variants.find((candidate) => (pick -= candidate.share) < 0) ?? spec.variants.at(-1);
    if (!variant) break;
    const shopper = `${spec.experiment}-${i.toString(36)}`;
    const common = { level: "info", event: "tact.event", experiment: spec.experiment, variant: variant.id, shopper };
    const shown = variant.hidden !== true;
    records.push({ ...common, type: "exposure", rule: spec.rule, share: variant.share / total, shown, ts });
    if (shown && spec.rule !== "" && uniform() < variant.ctr) {
      records.push({ ...common, type: "click", rule: spec.rule, item: "p01", ts: ts + 30 });
    }
    if (uniform() < variant.conversion) {
      records.push({ ...common, type: "conversion", share: variant.share / total, ts: ts + 300 });
    }
  }
  return records.sort((a, b) => (a["ts"] as number) - (b["ts"] as number));
}

/** Records as a log: one JSON line each. */
export function asLog(records: readonly Record<string, unknown>[]): string {
  return records.map((record) => JSON.stringify(record)).join("\n") + "\n";
}
