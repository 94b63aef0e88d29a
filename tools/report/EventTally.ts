/**
 * Counts events into what the statistics need, per experiment and variant
 * (and per rule for blocks shown outside any experiment), in shoppers:
 *
 * - exposed: shoppers with at least one exposure (a control that shows
 *   nothing counts too: its exposures say the block would have been shown);
 * - clicked: exposed shoppers with at least one click attributed to that
 *   experiment and variant;
 * - converted: exposed shoppers with at least one conversion for it.
 *
 * Clicks and conversions of shoppers never exposed (the Worker reports a
 * conversion for everyone enrolled, and a log may begin mid-visit) are left
 * out, so every rate has the same denominator: the exposed shoppers.
 *
 * Events come one at a time, so a log of any length is read in one pass;
 * memory grows with the shoppers, not the events.
 *
 * A shopper counts as the shoppers they stand for (their weight: Analytics
 * Engine's sample interval, 1 in a log), so sampled counts estimate the real
 * ones. Weighted counts overstate how much was observed, so each variant also
 * carries the effective number of shoppers (Kish: (Σw)²/Σw², the sampled
 * shoppers when every weight is the same), which the statistics use.
 */
import type { EventRow } from "./EventRow";

export interface VariantTally {
  readonly variant: string;
  readonly exposed: number;
  /** The exposed shoppers the sample is worth: equal to `exposed` when nothing was sampled. */
  readonly effectiveExposed: number;
  readonly exposures: number;
  readonly clicked: number;
  readonly clicks: number;
  readonly converted: number;
  readonly conversions: number;
  /** The expected share the latest event carried; undefined when none did. */
  readonly share: number | undefined;
  /** Every share seen: more than one means the weights changed while it ran. */
  readonly shares: readonly number[];
  /** True when every exposure said shown: false (a control that shows nothing). */
  readonly hidden: boolean;
}

export interface ExperimentTally {
  readonly experiment: string;
  /** Rules its exposures came from ("" for the holdout, which has no rule). */
  readonly rules: readonly string[];
  readonly variants: readonly VariantTally[];
  /** Shoppers exposed in more than one variant (weights changed, or a bug). */
  readonly crossovers: number;
  /** The first and last event time seen (unix seconds); undefined when no event had one. */
  readonly firstTs: number | undefined;
  readonly lastTs: number | undefined;
}

export interface RuleTally {
  readonly rule: string;
  readonly exposed: number;
  readonly exposures: number;
  readonly clicked: number;
  readonly clicks: number;
}

export interface Tally {
  readonly experiments: readonly ExperimentTally[];
  readonly rules: readonly RuleTally[];
  /** Events counted (a grouped row counts as the events it stands for). */
  readonly events: number;
  /** Events that belong nowhere (a conversion outside any experiment). */
  readonly unattributed: number;
}

class Bucket {
  /** Exposed shoppers and the weight of each. */
  readonly exposed = new Map<string, number>();
  readonly clicked = new Set<string>();
  readonly converted = new Set<string>();
  readonly rules = new Set<string>();
  readonly shares = new Set<number>();
  exposures = 0;
  clicks = 0;
  conversions = 0;
  shown = 0;
  share: { value: number; ts: number } | undefined;
  firstTs: number | undefined;
  lastTs: number | undefined;

  noteTime(ts: number | undefined): void {
    if (ts === undefined) return;
    if (this.firstTs === undefined || ts < this.firstTs) this.firstTs = ts;
    if (this.lastTs === undefined || ts > this.lastTs) this.lastTs = ts;
  }

  noteShare(value: number | undefined, ts: number): void {
    if (value === undefined) return;
    this.shares.add(value);
    if (!this.share || ts >= this.share.ts) this.share = { value, ts };
  }

  count(set: Set<string>): number {
    let inside = 0;
    for (const shopper of set) inside += this.exposed.get(shopper) ?? 0;
    return inside;
  }

  /** Σw and (Σw)²/Σw² over the exposed shoppers. */
  exposedSizes(): { exposed: number; effective: number } {
    let sum = 0;
    let squares = 0;
    for (const weight of this.exposed.values()) {
      sum += weight;
      squares += weight * weight;
    }
    return { exposed: sum, effective: squares > 0 ? (sum * sum) / squares : 0 };
  }

  /** What a variant's and a rule's tally share: exposures and clicks. */
  exposureCounts(): Omit<RuleTally, "rule"> {
    return {
      exposed: this.exposedSizes().exposed,
      exposures: this.exposures,
      clicked: this.count(this.clicked),
      clicks: this.clicks,
    };
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class EventTally {
  private readonly experiments = new Map<string, Map<string, Bucket>>();
  private readonly rules = new Map<string, Bucket>();
  private events = 0;
  private unattributed = 0;

  private bucket(row: EventRow): Bucket | undefined {
    if (row.experiment === "") {
      if (row.type === "conversion") return undefined;
      let bucket = this.rules.get(row.rule);
      if (!bucket) this.rules.set(row.rule, (bucket = new Bucket()));
      return bucket;
    }
    let variants = this.experiments.get(row.experiment);
    if (!variants) this.experiments.set(row.experiment, (variants = new Map()));
    let bucket = variants.get(row.variant);
    if (!bucket) variants.set(row.variant, (bucket = new Bucket()));
    return bucket;
  }

  add(row: EventRow): void {
    this.events += row.count;
    const bucket = this.bucket(row);
    if (!bucket) {
      this.unattributed += row.count;
      return;
    }
    const ts = row.ts ?? 0;
    bucket.noteTime(row.ts);
    if (row.type === "exposure") {
      bucket.exposed.set(row.shopper, Math.max(bucket.exposed.get(row.shopper) ?? 0, row.weight));
      bucket.exposures += row.count;
      if (row.shown !== false) bucket.shown += row.count;
      if (row.rule) bucket.rules.add(row.rule);
      bucket.noteShare(row.share, ts);
    } else if (row.type === "click") {
      bucket.clicked.add(row.shopper);
      bucket.clicks += row.count;
    } else {
      bucket.converted.add(row.shopper);
      bucket.conversions += row.count;
      bucket.noteShare(row.share, ts);
    }
  }

  result(): Tally {
    const experiments = [...this.experiments.entries()]
      .sort(([a], [b]) => byName(a, b))
      .map(([experiment, variants]): ExperimentTally => {
        const seen = new Map<string, number>();
        const rules = new Set<string>();
        const times = new Bucket();
        for (const bucket of variants.values()) {
          for (const shopper of bucket.exposed.keys()) seen.set(shopper, (seen.get(shopper) ?? 0) + 1);
          for (const rule of bucket.rules) rules.add(rule);
          times.noteTime(bucket.firstTs);
          times.noteTime(bucket.lastTs);
        }
        return {
          experiment,
          rules: [...rules].sort(byName),
          variants: [...variants.entries()]
            .sort(([a], [b]) => byName(a, b))
            .map(([variant, bucket]) => ({
              variant,
              ...bucket.exposureCounts(),
              effectiveExposed: bucket.exposedSizes().effective,
              converted: bucket.count(bucket.converted),
              conversions: bucket.conversions,
              share: bucket.share?.value,
              shares: [...bucket.shares].sort((a, b) => a - b),
              hidden: bucket.exposures > 0 && bucket.shown === 0,
            })),
          crossovers: [...seen.values()].filter((count) => count > 1).length,
          firstTs: times.firstTs,
          lastTs: times.lastTs,
        };
      });
    const rules = [...this.rules.entries()]
      .sort(([a], [b]) => byName(a, b))
      .map(([rule, bucket]) => ({ rule, ...bucket.exposureCounts() }));
    return { experiments, rules, events: this.events, unattributed: this.unattributed };
  }
}
