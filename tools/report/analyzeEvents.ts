/**
 * Turns counted events into the report's figures: per experiment, each
 * variant's click-through and conversion rate (with a 95% Wilson interval),
 * its lift over the control with a 95% interval and a p-value, and the
 * sample-ratio check; per rule outside experiments, its click-through rate.
 * Methods: tools/shared/statistics. Everything here is arithmetic on the tally.
 */
import type { ExperimentTally, RuleTally, Tally, VariantTally } from "./EventTally";
import {
  type Lift,
  type SampleRatio,
  type ZTest,
  relativeLift,
  sampleRatioMismatch,
  twoProportionZTest,
  wilsonInterval,
} from "../shared/statistics";

export interface Rate {
  readonly successes: number;
  readonly trials: number;
  /** NaN with no trials. */
  readonly rate: number;
  /** 95% Wilson interval. */
  readonly low: number;
  readonly high: number;
}

export interface VsControl {
  readonly lift: Lift | undefined;
  readonly test: ZTest | undefined;
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
  readonly ctrVsControl: VsControl | undefined;
  readonly conversionVsControl: VsControl | undefined;
}

export interface ExperimentResult {
  readonly experiment: string;
  readonly rules: readonly string[];
  readonly control: string;
  /** How the control was chosen, in words. */
  readonly controlReason: string;
  readonly variants: readonly VariantResult[];
  readonly srm: SampleRatio | undefined;
  /** False when CTR is not compared (a control that shows nothing, or a holdout). */
  readonly compareClicks: boolean;
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
  readonly experiments: readonly ExperimentResult[];
  readonly rules: readonly RuleResult[];
  readonly events: number;
  readonly unattributed: number;
}

/** --control choices: "variant" for every experiment, or "experiment=variant" for one. */
export interface ControlChoice {
  readonly byExperiment: ReadonlyMap<string, string>;
  readonly everywhere: string | undefined;
}

export function parseControls(values: readonly string[]): ControlChoice {
  const byExperiment = new Map<string, string>();
  let everywhere: string | undefined;
  for (const value of values) {
    const at = value.indexOf("=");
    if (at === -1) everywhere = value;
    else byExperiment.set(value.slice(0, at), value.slice(at + 1));
  }
  return { byExperiment, everywhere };
}

export function rate(successes: number, trials: number): Rate {
  const { low, high } = wilsonInterval(successes, trials);
  return { successes, trials, rate: trials > 0 ? successes / trials : Number.NaN, low, high };
}

function chooseControl(tally: ExperimentTally, choice: ControlChoice, notes: string[]): [string, string] {
  const ids = tally.variants.map((variant) => variant.variant);
  const asked = choice.byExperiment.get(tally.experiment) ?? choice.everywhere;
  if (asked !== undefined) {
    if (ids.includes(asked)) return [asked, "--control"];
    if (choice.byExperiment.has(tally.experiment)) notes.push(`--control ${asked}: no such variant here`);
  }
  for (const name of ["control", "holdout"]) {
    if (ids.includes(name)) return [name, `the variant named "${name}"`];
  }
  const first = ids[0] ?? "";
  return [first, `first alphabetically (no variant is named "control"; choose one with --control)`];
}

function compare(treated: Rate, control: Rate): VsControl {
  return { lift: relativeLift(treated, control), test: twoProportionZTest(treated, control) };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function sampleRatio(variants: readonly VariantTally[], notes: string[]): SampleRatio | undefined {
  if (variants.length < 1 || variants.some((variant) => variant.share === undefined)) {
    if (variants.length > 1) notes.push("some events carry no expected share, so the sample ratio is not checked");
    return undefined;
  }
  const observed = variants.map((variant) => variant.exposed);
  const shares = variants.map((variant) => variant.share ?? 0);
  const total = shares.reduce((sum, share) => sum + share, 0);
  // A variant nobody was exposed to does not appear in the events at all;
  // its expected share stands in as an empty cell, so its absence counts.
  if (total < 0.999) {
    notes.push(`variants expected to get ${percent(1 - total)} of shoppers never appear in the events`);
    observed.push(0);
    shares.push(1 - total);
  }
  return sampleRatioMismatch(observed, shares);
}

function analyzeExperiment(tally: ExperimentTally, choice: ControlChoice): ExperimentResult {
  const notes: string[] = [];
  const [control, controlReason] = chooseControl(tally, choice, notes);
  const controlTally = tally.variants.find((variant) => variant.variant === control);
  const exposed = tally.variants.some((variant) => variant.exposed > 0);
  // The holdout's exposures name no rule: it is the whole program, not a block.
  const holdout = exposed && tally.rules.length === 0;
  const compareClicks = exposed && !holdout && controlTally !== undefined && !controlTally.hidden;
  if (!exposed) {
    notes.push("nobody was exposed in these events (only conversions, which count for exposed shoppers only)");
  } else if (holdout) notes.push("no block carries this experiment (a holdout): click-through does not apply");
  else if (controlTally?.hidden) {
    notes.push(`the control "${control}" shows nothing, so it has no clicks: click-through is not compared`);
  }
  const controlCtr = controlTally && rate(controlTally.clicked, controlTally.exposed);
  const controlConversion = controlTally && rate(controlTally.converted, controlTally.exposed);

  const variants = tally.variants.map((variant): VariantResult => {
    const isControl = variant.variant === control;
    const ctr = rate(variant.clicked, variant.exposed);
    const conversion = rate(variant.converted, variant.exposed);
    return {
      variant: variant.variant,
      isControl,
      expectedShare: variant.share,
      exposed: variant.exposed,
      exposures: variant.exposures,
      hidden: variant.hidden,
      ctr,
      conversion,
      ctrVsControl: !isControl && compareClicks && controlCtr ? compare(ctr, controlCtr) : undefined,
      conversionVsControl: !isControl && controlConversion ? compare(conversion, controlConversion) : undefined,
    };
  });

  const srm = exposed ? sampleRatio(tally.variants, notes) : undefined;
  if (srm?.mismatch) {
    const split = tally.variants.map((variant) => `${variant.variant} ${variant.exposed}`).join(", ");
    notes.unshift(
      `SAMPLE RATIO MISMATCH (p = ${srm.pValue < 1e-6 ? srm.pValue.toExponential(1) : srm.pValue.toFixed(4)}): ` +
        `exposed shoppers ${split} do not match the weights; do not trust these figures until the cause is found`,
    );
  }
  for (const variant of tally.variants) {
    if (variant.shares.length > 1) {
      notes.push(
        `the weights changed while it ran (${variant.variant}: ${variant.shares.map(percent).join(", ")}); ` +
          `the sample-ratio check uses the latest`,
      );
    }
  }
  if (tally.crossovers > 0) {
    notes.push(`${tally.crossovers} shoppers were exposed to more than one variant (counted in each)`);
  }
  return {
    experiment: tally.experiment,
    rules: tally.rules,
    control,
    controlReason,
    variants,
    srm,
    compareClicks,
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

export function analyzeEvents(tally: Tally, choice: ControlChoice): Report {
  return {
    experiments: tally.experiments.map((experiment) => analyzeExperiment(experiment, choice)),
    rules: tally.rules.map(analyzeRule),
    events: tally.events,
    unattributed: tally.unattributed,
  };
}
