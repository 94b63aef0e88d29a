/**
 * The experiment's decisions, taken together: every comparison of a variant
 * with the control, on every metric, is one family, and Holm's adjustment
 * keeps the chance of any false "significant" in it at or under α (with
 * always-valid p-values, at every look). A guardrail metric is flagged as soon
 * as it moves the wrong way at its own unadjusted p-value (stricter on harm
 * than on gain). A winner is called only on the primary metric, only with no
 * guardrail flagged, never while the sample-ratio check fails, and never when
 * the shares moved while the experiment ran.
 */
import { holmAdjust } from "../shared/statistics";
import type { AnalysisOptions, Comparison, Metric } from "./compareToControl";

export interface Decided extends Comparison {
  /** The p-value the decision stands on: the method's, adjusted by Holm across the experiment. */
  readonly pValue: number | undefined;
  readonly significant: boolean;
  readonly direction: "better" | "worse" | "no difference";
  readonly guardrail: boolean;
  /** A guardrail that moved the wrong way. */
  readonly breached: boolean;
}

export interface Verdict {
  readonly call: "winner" | "control" | "none" | "withheld";
  readonly variant: string | undefined;
  readonly text: string;
}

export interface VariantComparisons {
  readonly variant: string;
  readonly comparisons: readonly Comparison[];
}

/** Decides every comparison; the result has the input's shape. */
export function decideComparisons(
  variants: readonly VariantComparisons[],
  options: AnalysisOptions,
): Map<string, Decided[]> {
  const flat = variants.flatMap((variant) => variant.comparisons.map((comparison) => ({ variant, comparison })));
  const adjusted = holmAdjust(flat.map(({ comparison }) => comparison.unadjustedPValue));
  const decided = new Map<string, Decided[]>(variants.map((variant) => [variant.variant, []]));
  flat.forEach(({ variant, comparison }, index) => {
    const pValue = adjusted[index];
    const significant = pValue !== undefined && pValue < options.alpha;
    const sign = Math.sign(comparison.difference?.estimate ?? 0);
    const guardrail = options.guardrails.includes(comparison.metric);
    const raw = comparison.unadjustedPValue;
    decided.get(variant.variant)?.push({
      ...comparison,
      pValue,
      significant,
      direction: significant ? (sign > 0 ? "better" : "worse") : "no difference",
      guardrail,
      breached: guardrail && sign < 0 && raw !== undefined && raw < options.alpha,
    });
  });
  return decided;
}

const METRIC_NAMES: Record<Metric, string> = { ctr: "click-through", conversion: "conversion" };

export function metricName(metric: Metric): string {
  return METRIC_NAMES[metric];
}

/**
 * Why no call can be made, whatever the figures say: the sample ratio failed,
 * or the shares moved while it ran. Pooled over shoppers placed under
 * different splits, a comparison mixes the periods in different proportions
 * per variant, so a rate that drifts over time shows up as a difference
 * between variants (Simpson's paradox); the tests assume one split throughout.
 */
export type Hold = "sample-ratio" | "shares-moved";

const HOLD_TEXT: Record<Hold, string> = {
  "sample-ratio": "no call while the sample ratio is off: find the cause first",
  "shares-moved":
    "no call: the shares moved while it ran (a bandit, or edited weights), and the tests assume one split throughout",
};

/** The call the report makes for an experiment. */
export function verdict(
  decided: ReadonlyMap<string, readonly Decided[]>,
  primary: Metric,
  hold: Hold | undefined,
  method: AnalysisOptions["method"],
): Verdict {
  if (hold) return { call: "withheld", variant: undefined, text: HOLD_TEXT[hold] };
  const onPrimary = [...decided].flatMap(([variant, comparisons]) => {
    const own = comparisons.find((comparison) => comparison.metric === primary) ?? comparisons.at(-1);
    return own ? [{ variant, own, breached: comparisons.filter((comparison) => comparison.breached) }] : [];
  });
  const name = (metric: Metric) => metricName(metric);
  const winners = onPrimary
    .filter(({ own, breached }) => own.direction === "better" && breached.length === 0)
    .sort((a, b) => (b.own.lift?.estimate ?? 0) - (a.own.lift?.estimate ?? 0));
  const best = winners[0];
  if (best) {
    return { call: "winner", variant: best.variant, text: `${best.variant} wins on ${name(best.own.metric)}` };
  }
  const blocked = onPrimary.find(({ own, breached }) => own.direction === "better" && breached.length > 0);
  if (blocked) {
    const what = blocked.breached.map((comparison) => name(comparison.metric)).join(" and ");
    return {
      call: "none",
      variant: undefined,
      text: `${blocked.variant} is better on ${name(blocked.own.metric)} but makes ${what} worse (guardrail): no winner`,
    };
  }
  if (onPrimary.length > 0 && onPrimary.every(({ own }) => own.direction === "worse")) {
    return { call: "control", variant: undefined, text: "the control beats every variant: keep it" };
  }
  const more =
    method === "always-valid"
      ? "no winner yet: keep it running and read again whenever you like"
      : "no significant difference at this sample size (fixed-horizon: read once, at the planned size)";
  return { call: "none", variant: undefined, text: more };
}
