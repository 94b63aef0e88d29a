/**
 * One metric of one variant against the control, as the report states it:
 * by default always-valid (a confidence sequence for the difference and for
 * the relative lift, and the mSPRT p-value: valid however often the report is
 * read), or with --fixed-horizon the classic pooled z-test and 95% intervals
 * (valid only when read once, at a sample size fixed in advance). Both carry
 * the Bayesian view from the same counts. The decision (`significant`) is
 * taken later, across the experiment's family of comparisons (decideExperiment).
 */
import {
  type BayesComparison,
  type Proportion,
  Z_95,
  betaPosterior,
  compareBetaPosteriors,
  relativeLift,
  sequentialDifference,
  sequentialLift,
  twoProportionZTest,
} from "../shared/statistics";

export type Method = "always-valid" | "fixed-horizon";
export type Metric = "ctr" | "conversion";

export interface Interval {
  readonly estimate: number;
  readonly low: number | undefined;
  readonly high: number | undefined;
}

export interface AnalysisOptions {
  readonly method: Method;
  /** The shoppers (both arms) the confidence sequence is tuned for. */
  readonly tunedFor: number;
  /** Family-wise error rate of the decisions. */
  readonly alpha: number;
  /** Metrics that must not get worse; a variant that makes one worse is not called a winner. */
  readonly guardrails: readonly Metric[];
  /** The metric a winner is called on. */
  readonly primary: Metric;
  /** Off only where speed matters more than the view (the simulation test). */
  readonly bayesian: boolean;
}

export interface Comparison {
  readonly metric: Metric;
  readonly method: Method;
  /** Difference of rates (treated − control), with its interval or confidence sequence. */
  readonly difference: Interval | undefined;
  /** Relative lift (treated / control − 1), with its interval or confidence sequence. */
  readonly lift: Interval | undefined;
  /** The z statistic of the difference (pooled under --fixed-horizon). */
  readonly z: number | undefined;
  /** The method's p-value before the multiple-comparison adjustment. */
  readonly unadjustedPValue: number | undefined;
  readonly bayes: BayesComparison | undefined;
}

function fixedHorizon(metric: Metric, treated: Proportion, control: Proportion): Omit<Comparison, "bayes"> {
  const test = twoProportionZTest(treated, control);
  const lift = relativeLift(treated, control);
  const pt = treated.successes / treated.trials;
  const pc = control.successes / control.trials;
  const se = Math.sqrt((pt * (1 - pt)) / treated.trials + (pc * (1 - pc)) / control.trials);
  const ok = treated.trials > 0 && control.trials > 0;
  return {
    metric,
    method: "fixed-horizon",
    difference: ok ? { estimate: pt - pc, low: pt - pc - Z_95 * se, high: pt - pc + Z_95 * se } : undefined,
    lift: lift && { estimate: lift.lift, low: lift.low, high: lift.high },
    z: test?.z,
    unadjustedPValue: test?.pValue,
  };
}

function alwaysValid(
  metric: Metric,
  treated: Proportion,
  control: Proportion,
  options: AnalysisOptions,
): Omit<Comparison, "bayes"> {
  const difference = sequentialDifference(treated, control, options.tunedFor, options.alpha);
  const lift = sequentialLift(treated, control, options.tunedFor, options.alpha);
  const pt = treated.successes / treated.trials;
  const pc = control.successes / control.trials;
  const se = Math.sqrt((pt * (1 - pt)) / treated.trials + (pc * (1 - pc)) / control.trials);
  // With no successes on one side the ratio has no interval, but the lift itself may still be defined.
  const bareLift =
    control.successes > 0 && treated.trials > 0
      ? { estimate: pt / pc - 1, low: undefined, high: undefined }
      : undefined;
  return {
    metric,
    method: "always-valid",
    difference: difference && { estimate: difference.estimate, low: difference.low, high: difference.high },
    lift: lift ? { estimate: lift.estimate, low: lift.low, high: lift.high } : bareLift,
    z: se > 0 ? (pt - pc) / se : undefined,
    unadjustedPValue: difference?.pValue,
  };
}

export function compareToControl(
  metric: Metric,
  treated: Proportion,
  control: Proportion,
  options: AnalysisOptions,
): Comparison {
  const frequentist =
    options.method === "fixed-horizon"
      ? fixedHorizon(metric, treated, control)
      : alwaysValid(metric, treated, control, options);
  const bayes =
    options.bayesian && treated.trials > 0 && control.trials > 0
      ? compareBetaPosteriors(
          betaPosterior(treated.successes, treated.trials),
          betaPosterior(control.successes, control.trials),
        )
      : undefined;
  return { ...frequentist, bayes };
}
