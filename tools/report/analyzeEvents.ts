/**
 * Turns counted events into the report's figures: per experiment, each
 * variant's click-through and conversion rate (95% Wilson interval and the
 * Bayesian posterior's credible interval), its difference and lift over the
 * control (always-valid by default, fixed-horizon on request) with the
 * Bayesian comparison, the decisions across the experiment (Holm), the
 * guardrails, the sample-ratio check and the call; per rule outside
 * experiments, its click-through rate. Methods: tools/shared/statistics.
 */
import { type ControlChoice, chooseControl } from "./chooseControl";
import { type AnalysisOptions, type Metric, compareToControl } from "./compareToControl";
import { type Decided, type Verdict, decideComparisons, verdict } from "./decideExperiment";
import type { ExperimentTally, RuleTally, Tally } from "./EventTally";
import { sampleRatioCheck, sharesMoved } from "./sampleRatioCheck";
import {
  DEFAULT_TUNED_FOR,
  type Proportion,
  type SampleRatio,
  betaPosterior,
  wilsonInterval,
} from "../shared/statistics";

export { type ControlChoice, parseControls } from "./chooseControl";

export interface Rate {
  readonly successes: number;
  readonly trials: number;
  /** NaN with no trials. */
  readonly rate: number;
  /** What the sample is worth, in trials: `trials` unless Analytics Engine sampled (see EventTally). */
  readonly effectiveTrials: number;
  /** 95% Wilson interval. */
  readonly low: number;
  readonly high: number;
  /** 95% credible interval of the Beta(1 + successes, 1 + failures) posterior (NaN without the Bayesian view). */
  readonly credibleLow: number;
  readonly credibleHigh: number;
}

export interface VariantResult {
  readonly variant: string;
  readonly isControl: boolean;
  readonly expectedShare: number | undefined;
  readonly exposed: number;
  readonly exposures: number;
  /** A control that shows nothing. */
  readonly hidden: boolean;
  readonly ctr: Rate;
  readonly conversion: Rate;
  /** Undefined for the control, and for CTR when clicks cannot be compared. */
  readonly ctrVsControl: Decided | undefined;
  readonly conversionVsControl: Decided | undefined;
}

export interface ExperimentResult {
  readonly experiment: string;
  readonly rules: readonly string[];
  /** The program holdout (settings.holdout): personalized against held out, over the whole period read. */
  readonly holdout: boolean;
  /** First and last event (unix seconds). */
  readonly period: { readonly from: number; readonly to: number } | undefined;
  readonly control: string;
  /** How the control was chosen, in words. */
  readonly controlReason: string;
  readonly variants: readonly VariantResult[];
  readonly srm: SampleRatio | undefined;
  /** The events carried more than one share for a variant (a bandit): no sample-ratio check, no call. */
  readonly sharesMoved: boolean;
  /** False when CTR is not compared (a control that shows nothing, or a holdout). */
  readonly compareClicks: boolean;
  readonly verdict: Verdict;
  readonly notes: readonly string[];
}

export interface RuleResult {
  readonly rule: string;
  readonly exposed: number;
  readonly exposures: number;
  readonly clicks: number;
  readonly ctr: Rate;
}

export interface Report {
  readonly options: AnalysisOptions;
  readonly experiments: readonly ExperimentResult[];
  readonly rules: readonly RuleResult[];
  readonly events: number;
  readonly unattributed: number;
}

export const DEFAULT_OPTIONS: AnalysisOptions = {
  method: "always-valid",
  tunedFor: DEFAULT_TUNED_FOR,
  alpha: 0.05,
  guardrails: [],
  primary: "conversion",
  bayesian: true,
};

/** A rate from (weighted) counts; its intervals from what the sample is worth. */
export function rate(successes: number, trials: number, bayesian = true, effectiveTrials = trials): Rate {
  const { successes: x, trials: n } = effective({ successes, trials, effectiveTrials });
  const { low, high } = wilsonInterval(x, n);
  const posterior = bayesian ? betaPosterior(x, n) : { low: Number.NaN, high: Number.NaN };
  return {
    successes,
    trials,
    effectiveTrials,
    rate: trials > 0 ? successes / trials : Number.NaN,
    low,
    high,
    credibleLow: posterior.low,
    credibleHigh: posterior.high,
  };
}

function whyNotClicks(tally: ExperimentTally, control: string, holdout: boolean, notes: string[]): boolean {
  const controlTally = tally.variants.find((variant) => variant.variant === control);
  if (!tally.variants.some((variant) => variant.exposed > 0)) {
    notes.push("nobody was exposed in these events (only conversions, which count for exposed shoppers only)");
    return false;
  }
  if (holdout) {
    notes.push("no block carries this experiment (a holdout): click-through does not apply");
    return false;
  }
  if (controlTally?.hidden) {
    notes.push(`the control "${control}" shows nothing, so it has no clicks: click-through is not compared`);
    return false;
  }
  return controlTally !== undefined;
}

/** The counts the statistics see: scaled down to the effective sample when weighted. */
function effective(rate: Pick<Rate, "successes" | "trials" | "effectiveTrials">): Proportion {
  if (rate.trials <= 0 || rate.effectiveTrials === rate.trials) return rate;
  return { successes: (rate.successes * rate.effectiveTrials) / rate.trials, trials: rate.effectiveTrials };
}

type Rates = ReadonlyMap<string, { readonly ctr: Rate; readonly conversion: Rate }>;

/** Every variant against the control, on every metric that applies. */
function compareAll(rates: Rates, control: string, compareClicks: boolean, options: AnalysisOptions) {
  const controlRates = rates.get(control);
  const metrics: Metric[] = compareClicks ? ["ctr", "conversion"] : ["conversion"];
  return [...rates]
    .filter(([variant]) => variant !== control)
    .map(([variant, own]) => ({
      variant,
      comparisons: controlRates
        ? metrics.map((m) => compareToControl(m, effective(own[m]), effective(controlRates[m]), options))
        : [],
    }));
}

/** The holdout's call in its own words: it measures the whole program, not a variant. */
function holdoutVerdict(call: Verdict): Verdict {
  const text = {
    winner: "personalization raises conversion over the held-out shoppers",
    control: "held-out shoppers convert better: personalization costs conversion",
    none: "no difference established yet between personalized and held-out shoppers",
    withheld: call.text,
  }[call.call];
  return { ...call, text };
}

function analyzeExperiment(tally: ExperimentTally, choice: ControlChoice, options: AnalysisOptions): ExperimentResult {
  const notes: string[] = [];
  const [control, controlReason] = chooseControl(tally, choice, notes);
  const exposed = tally.variants.some((variant) => variant.exposed > 0);
  // The holdout's exposures name no rule: it is the whole program, not a block.
  const holdout = exposed && tally.rules.length === 0;
  const compareClicks = whyNotClicks(tally, control, holdout, notes);
  const rates = new Map(
    tally.variants.map((v) => [
      v.variant,
      {
        ctr: rate(v.clicked, v.exposed, options.bayesian, v.effectiveExposed),
        conversion: rate(v.converted, v.exposed, options.bayesian, v.effectiveExposed),
      },
    ]),
  );
  // The holdout measures the whole program: its one comparison is the result, not a guardrail.
  const own = holdout ? { ...options, guardrails: [] } : options;
  const decided = decideComparisons(compareAll(rates, control, compareClicks, own), own);
  const srm = exposed ? sampleRatioCheck(tally, notes) : undefined;
  if (tally.crossovers > 0) {
    notes.push(`${tally.crossovers} shoppers were exposed to more than one variant (counted in each)`);
  }
  const primary = compareClicks ? options.primary : "conversion";
  const moved = sharesMoved(tally);
  const hold = moved ? "shares-moved" : srm?.mismatch ? "sample-ratio" : undefined;
  const call = verdict(decided, primary, hold, options.method);
  const variants = tally.variants.map((variant): VariantResult => {
    const own = decided.get(variant.variant) ?? [];
    const ratesOf = rates.get(variant.variant) ?? { ctr: rate(0, 0), conversion: rate(0, 0) };
    return {
      variant: variant.variant,
      isControl: variant.variant === control,
      expectedShare: variant.share,
      exposed: variant.exposed,
      exposures: variant.exposures,
      hidden: variant.hidden,
      ...ratesOf,
      ctrVsControl: own.find((comparison) => comparison.metric === "ctr"),
      conversionVsControl: own.find((comparison) => comparison.metric === "conversion"),
    };
  });
  const { firstTs, lastTs } = tally;
  return {
    experiment: tally.experiment,
    rules: tally.rules,
    holdout,
    period: firstTs !== undefined && lastTs !== undefined ? { from: firstTs, to: lastTs } : undefined,
    control,
    controlReason,
    variants,
    srm,
    sharesMoved: moved,
    compareClicks,
    verdict: holdout ? holdoutVerdict(call) : call,
    notes,
  };
}

function analyzeRule(tally: RuleTally): RuleResult {
  return {
    rule: tally.rule,
    exposed: tally.exposed,
    exposures: tally.exposures,
    clicks: tally.clicks,
    ctr: rate(tally.clicked, tally.exposed),
  };
}

export function analyzeEvents(tally: Tally, choice: ControlChoice, options: AnalysisOptions = DEFAULT_OPTIONS): Report {
  return {
    options,
    experiments: tally.experiments.map((experiment) => analyzeExperiment(experiment, choice, options)),
    rules: tally.rules.map(analyzeRule),
    events: tally.events,
    unattributed: tally.unattributed,
  };
}
