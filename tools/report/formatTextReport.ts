/** The report as plain text for the terminal: one block per experiment, then the rules outside them. */
import type { ExperimentResult, Report, VariantResult } from "./analyzeEvents";
import { comparisonCells, comparisonHeader, methodText } from "./comparisonCells";
import type { Method } from "./compareToControl";
import { countText, dateText, pValueText, percentText, variantFigures } from "./formatFigures";

/** Pads cells into columns: text left-aligned, numbers right-aligned. */
function table(rows: readonly (readonly string[])[], numeric: readonly boolean[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

const indent = (lines: readonly string[]) => lines.map((line) => `  ${line}`);

function variantTable(experiment: ExperimentResult): string[] {
  const header = ["variant", "expected", "shoppers", "exposures", "clicked", "CTR", "converted", "conversion"];
  const rows = experiment.variants.map((variant) => [
    variant.isControl && variant.variant !== "control" ? `${variant.variant} (control)` : variant.variant,
    ...variantFigures(variant, experiment.holdout),
  ]);
  return indent(table([header, ...rows], [false, true, true, true, true, true, true, true]));
}

function comparisonTable(variant: VariantResult, control: string, method: Method): string[] {
  const rows = [
    variant.ctrVsControl && comparisonCells("CTR", variant.ctrVsControl),
    variant.conversionVsControl && comparisonCells("conversion", variant.conversionVsControl),
  ].filter((row): row is string[] => row !== undefined);
  if (rows.length === 0) return [];
  const header = comparisonHeader(`${variant.variant} vs ${control}`, method);
  return ["", ...indent(table([header, ...rows], [false, true, false, true, false, true, false, true, true]))];
}

function heading(experiment: ExperimentResult): string {
  if (!experiment.holdout) {
    const rules = experiment.rules.length > 0 ? `  (rule ${experiment.rules.join(", ")})` : "";
    return `experiment ${experiment.experiment}${rules}`;
  }
  const period = experiment.period ? `, ${dateText(experiment.period.from)} to ${dateText(experiment.period.to)}` : "";
  return `program holdout ${experiment.experiment}: personalized vs held out, cumulative${period}`;
}

function experimentLines(experiment: ExperimentResult, method: Method): string[] {
  const lines = [heading(experiment)];
  if (experiment.variants.every((variant) => variant.exposed === 0)) {
    return [...lines, ...experiment.notes.map((note) => `  note: ${note}`)];
  }
  lines.push(`control: ${experiment.control}, ${experiment.controlReason}`, ...variantTable(experiment));
  for (const variant of experiment.variants) {
    if (!variant.isControl) lines.push(...comparisonTable(variant, experiment.control, method));
  }
  lines.push("", `  call: ${experiment.verdict.text}`);
  const { srm } = experiment;
  if (experiment.sharesMoved) lines.push("  sample ratio: not checked, the shares moved (see the note)");
  if (srm) {
    const verdict = srm.mismatch ? "MISMATCH" : "ok";
    lines.push(
      `  sample ratio: χ² = ${srm.chiSquare.toFixed(2)}, df = ${srm.df}, p = ${pValueText(srm.pValue)}: ${verdict}`,
    );
  }
  for (const note of experiment.notes) lines.push(`  ${note.startsWith("SAMPLE RATIO") ? "⚠ " : "note: "}${note}`);
  return lines;
}

function ruleLines(report: Report): string[] {
  if (report.rules.length === 0) return [];
  const rows = report.rules.map((rule) => [
    rule.rule || "(none)",
    countText(rule.exposed),
    countText(rule.exposures),
    countText(rule.ctr.successes),
    percentText(rule.ctr.rate),
  ]);
  const header = ["rule", "shoppers", "exposures", "clicked", "CTR"];
  return [
    "",
    "rules outside experiments (click-through only)",
    ...indent(table([header, ...rows], [false, true, true, true, true])),
  ];
}

export function formatTextReport(report: Report, source: string): string[] {
  const { method, tunedFor } = report.options;
  const lines = [`tact experiment report`, `events: ${source}`, `method: ${methodText(method, tunedFor)}`];
  if (report.experiments.length === 0 && report.rules.length === 0) {
    lines.push("", "no exposures, clicks or conversions found");
    return lines;
  }
  for (const experiment of report.experiments) lines.push("", ...experimentLines(experiment, method));
  lines.push(
    ...ruleLines(report),
    "",
    "shoppers: unique shoppers exposed; CTR and conversion are per exposed shopper; lift and difference are against",
    "the control; p is adjusted (Holm) across the experiment's variants and metrics; P(better) and the loss if",
    "chosen come from Beta(1 + successes, 1 + failures) posteriors. How to read each figure: docs/experiments.md.",
  );
  return lines;
}
