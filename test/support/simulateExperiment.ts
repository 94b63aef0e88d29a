/**
 * Simulated experiments in the events format the report reads (the Worker's
 * log lines, src/edges/events/emitEvents.ts): shoppers arrive uniformly over
 * the days, are assigned a variant by its share, are exposed once, and click
 * and convert with the variant's true rates. Seeded (a Mersenne Twister from
 * stdlib), so a test that uses it gives the same figures on every run.
 */
import mt19937 from "@stdlib/random-base-mt19937";

/** One event as the Worker logs it. */
export type EventRecord = Record<string, unknown>;

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
export function simulateExperiment(spec: SimulatedExperiment, uniform: () => number): EventRecord[] {
  const records: EventRecord[] = [];
  const total = spec.variants.reduce((sum, variant) => sum + variant.share, 0);
  for (let i = 0; i < spec.shoppers; i++) {
    const ts = spec.start + Math.floor(uniform() * spec.days * 86_400);
    let pick = uniform() * total;
    const variant = spec.variants.find((candidate) => (pick -= candidate.share) < 0) ?? spec.variants.at(-1);
    if (!variant) break;
    const shopper = `${spec.experiment}-${i.toString(36)}`;
    const { experiment, rule } = spec;
    const share = variant.share / total;
    const shown = variant.hidden !== true;
    const line = (type: string, at: number) =>
      ({ level: "info", event: "tact.event", type, experiment, variant: variant.id, shopper, ts: at }) as EventRecord;
    records.push(Object.assign(line("exposure", ts), { rule, share, shown }));
    if (shown && rule !== "" && uniform() < variant.ctr) records.push(Object.assign(line("click", ts + 30), { rule }));
    if (uniform() < variant.conversion) records.push(Object.assign(line("conversion", ts + 300), { share }));
  }
  return records.sort((a, b) => (a["ts"] as number) - (b["ts"] as number));
}

/** Records as a log: one JSON line each. */
export function asLog(records: readonly EventRecord[]): string {
  return records.map((record) => JSON.stringify(record)).join("\n") + "\n";
}
