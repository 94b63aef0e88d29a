/** The report as plain text for the terminal: one block per experiment, then the rules outside them. */
import type { ExperimentResult, Report, VsControl } from "./analyzeEvents";
import { countText, liftText, pValueText, percentText, variantFigures } from "./formatFigures";

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

function comparison(name: string, versus: VsControl | undefined): string[] {
  if (!versus) return [];
  if (!versus.lift && !versus.test) return [name, "–", "nothing to compare yet (0% on both sides)", ""];
  const { lift, interval } = liftText(versus.lift);
  return [name, lift, versus.lift ? interval : "(the control is at 0%)", pValueText(versus.test?.pValue)];
}

function experimentLines(experiment: ExperimentResult): string[] {
  const rules = experiment.rules.length > 0 ? `  (rule ${experiment.rules.join(", ")})` : "";
  const lines = [`experiment ${experiment.experiment}${rules}`];
  if (experiment.variants.every((variant) => variant.exposed === 0)) {
    return [...lines, ...experiment.notes.map((note) => `  note: ${note}`)];
  }
  lines.push(`control: ${experiment.control}, ${experiment.controlReason}`);
  const header = ["variant", "expected", "shoppers", "exposures", "clicked", "CTR", "converted", "conversion"];
  const rows = experiment.variants.map((variant) => [
    variant.isControl && variant.variant !== "control" ? `${variant.variant} (control)` : variant.variant,
    ...variantFigures(variant),
  ]);
  lines.push(...table([header, ...rows], [false, true, true, true, true, true, true, true]).map((line) => `  ${line}`));
  for (const variant of experiment.variants) {
    if (variant.isControl) continue;
    const comparisons = [
      comparison("CTR", variant.ctrVsControl),
      comparison("conversion", variant.conversionVsControl),
    ].filter((row) => row.length > 0);
    if (comparisons.length === 0) continue;
    const header = [`${variant.variant} vs ${experiment.control}`, "lift", "95% interval", "p-value"];
    lines.push("", ...table([header, ...comparisons], [false, true, false, true]).map((line) => `  ${line}`));
  }
  const { srm } = experiment;
  if (srm) {
    const verdict = srm.mismatch ? "MISMATCH" : "ok";
    lines.push(
      "",
      `  sample ratio: χ² = ${srm.chiSquare.toFixed(2)}, df = ${srm.df}, p = ${pValueText(srm.pValue)}: ${verdict}`,
    );
  }
  for (const note of experiment.notes) lines.push(`  ${note.startsWith("SAMPLE RATIO") ? "⚠ " : "note: "}${note}`);
  return lines;
}

export function formatTextReport(report: Report, source: string): string[] {
  const lines = [`tact experiment report`, `events: ${source}`];
  if (report.experiments.length === 0 && report.rules.length === 0) {
    lines.push("", "no exposures, clicks or conversions found");
    return lines;
  }
  for (const experiment of report.experiments) lines.push("", ...experimentLines(experiment));
  if (report.rules.length > 0) {
    lines.push("", "rules outside experiments (click-through only)");
    const rows = report.rules.map((rule) => [
      rule.rule || "(none)",
      countText(rule.exposed),
      countText(rule.exposures),
      countText(rule.ctr.successes),
      percentText(rule.ctr.rate),
    ]);
    lines.push(
      ...table([["rule", "shoppers", "exposures", "clicked", "CTR"], ...rows], [false, true, true, true, true]).map(
        (line) => `  ${line}`,
      ),
    );
  }
  lines.push(
    "",
    "shoppers: unique shoppers exposed; CTR and conversion are per exposed shopper; lift is relative to the control,",
    "with a 95% interval (delta method on the log ratio); p from the pooled two-proportion z-test (two-sided).",
  );
  return lines;
}
