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
 */
import type { EventRow } from "./EventRow";

export interface VariantTally {
  readonly variant: string;
  readonly exposed: number;
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
  readonly exposed = new Set<string>();
  readonly clicked = new Set<string>();
  readonly converted = new Set<string>();
  readonly rules = new Set<string>();
  readonly shares = new Set<number>();
  exposures = 0;
  clicks = 0;
  conversions = 0;
  shown = 0;
  share: { value: number; ts: number } | undefined;

  noteShare(value: number | undefined, ts: number): void {
    if (value === undefined) return;
    this.shares.add(value);
    if (!this.share || ts >= this.share.ts) this.share = { value, ts };
  }

  count(set: Set<string>): number {
    let inside = 0;
    for (const shopper of set) if (this.exposed.has(shopper)) inside++;
    return inside;
  }

  /** What a variant's and a rule's tally share: exposures and clicks. */
  exposureCounts(): Omit<RuleTally, "rule"> {
    return {
      exposed: this.exposed.size,
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
    if (row.type === "exposure") {
      bucket.exposed.add(row.shopper);
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
        for (const bucket of variants.values()) {
          for (const shopper of bucket.exposed) seen.set(shopper, (seen.get(shopper) ?? 0) + 1);
          for (const rule of bucket.rules) rules.add(rule);
        }
        return {
          experiment,
          rules: [...rules].sort(byName),
          variants: [...variants.entries()]
            .sort(([a], [b]) => byName(a, b))
            .map(([variant, bucket]) => ({
              variant,
              ...bucket.exposureCounts(),
              converted: bucket.count(bucket.converted),
              conversions: bucket.conversions,
              share: bucket.share?.value,
              shares: [...bucket.shares].sort((a, b) => a - b),
              hidden: bucket.exposures > 0 && bucket.shown === 0,
            })),
          crossovers: [...seen.values()].filter((count) => count > 1).length,
        };
      });
    const rules = [...this.rules.entries()]
      .sort(([a], [b]) => byName(a, b))
      .map(([rule, bucket]) => ({ rule, ...bucket.exposureCounts() }));
    return { experiments, rules, events: this.events, unattributed: this.unattributed };
  }
}
