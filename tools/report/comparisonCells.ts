/**
 * The cells of a comparison row, the same in the terminal and in HTML: the
 * lift and the difference with their intervals (a confidence sequence, "CS",
 * unless --fixed-horizon, "CI"), the p-value the decision stands on (Holm-
 * adjusted), the decision, and the Bayesian view.
 */
import type { Method } from "./compareToControl";
import type { Decided } from "./decideExperiment";
import { intervalText, pValueText, pointsText, probabilityText, signedPercentText } from "./formatFigures";

export function comparisonHeader(title: string, method: Method): string[] {
  const interval = method === "always-valid" ? "95% CS" : "95% CI";
  return [title, "lift", interval, "difference", interval, "p (Holm)", "decision", "P(better)", "loss if chosen"];
}

/** A lift's bound; early sequences reach absurd ratios, which say no more than "very wide". */
function liftBoundText(value: number | undefined): string {
  return value !== undefined && value > 10 ? "> +1000%" : signedPercentText(value);
}

function decisionText(comparison: Decided): string {
  if (comparison.breached) return "GUARDRAIL: worse";
  if (!comparison.significant) return "not significant";
  return comparison.direction === "better" ? "significant: better" : "significant: worse";
}

export function comparisonCells(name: string, comparison: Decided): string[] {
  const { lift, difference, bayes } = comparison;
  return [
    comparison.guardrail ? `${name} (guardrail)` : name,
    signedPercentText(lift?.estimate),
    lift ? intervalText(lift.low, lift.high, liftBoundText) : "(the control is at 0%)",
    pointsText(difference?.estimate),
    difference ? intervalText(difference.low, difference.high, pointsText) : "",
    pValueText(comparison.pValue),
    decisionText(comparison),
    probabilityText(bayes?.probabilityBetter),
    bayes ? pointsText(bayes.expectedLoss).replace("+", "") : "–",
  ];
}

/** What the method is, in one sentence, for the top of the report. */
export function methodText(method: Method, tunedFor: number): string {
  return method === "always-valid"
    ? `always-valid: mSPRT p-values and 95% confidence sequences (tuned for ${tunedFor.toLocaleString("en-US")} shoppers), ` +
        "valid however often the report is read"
    : "FIXED-HORIZON z-test and 95% intervals: valid only when read once, at a sample size fixed in advance";
}
