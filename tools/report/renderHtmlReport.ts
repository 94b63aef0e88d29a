/**
 * The report as one self-contained HTML file: styles inline, charts as inline
 * SVG, no script, no font, no image and no link to fetch, so it opens offline,
 * can be mailed as an attachment, and prints. Every value from the events is
 * escaped (they come from logs).
 */
import type { ExperimentResult, Report, RuleResult, VariantResult } from "./analyzeEvents";
import { comparisonCells, comparisonHeader, methodText } from "./comparisonCells";
import type { Method } from "./compareToControl";
import type { Decided } from "./decideExperiment";
import { escapeHtml } from "../../src/html/escapeHtml";
import { countText, dateText, pValueText, percentText, variantFigures } from "./formatFigures";
import { type ChartRow, rateChartSvg } from "./rateChartSvg";
import { METHODS_HTML } from "./reportMethodsHtml";

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;max-width:1240px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}
.meta,.small{color:#555;font-size:.9rem} table{border-collapse:collapse;margin:.6rem 0;font-size:14px}
th,td{padding:.25rem .5rem;white-space:nowrap;border-bottom:1px solid #e6e6e6;text-align:right} th:first-child,td:first-child,td.name,th.name{text-align:left}
th{font-weight:600;background:#f6f6f6} tr.control td{color:#444;background:#fafafa}
.warn{background:#fff1f0;border:1px solid #e0a0a0;padding:.6rem .8rem;border-radius:4px}
.note{color:#444} .ok{color:#26734d} .bad{color:#b3261e;font-weight:600} .sig{font-weight:700}
.call{font-size:1.05rem;padding:.4rem .8rem;border-left:4px solid #1f6fb2;background:#f3f8fc} .method{background:#f6f6f6;padding:.5rem .8rem}
svg{max-width:100%;height:auto}
@media print{body{margin:0}}`;

function variantRow(variant: VariantResult, holdout: boolean): string {
  const cells = [
    `${escapeHtml(variant.variant)}${variant.isControl && variant.variant !== "control" ? " <span class=small>(control)</span>" : ""}`,
    ...variantFigures(variant, holdout),
    `${percentText(variant.conversion.credibleLow)} – ${percentText(variant.conversion.credibleHigh)}`,
  ];
  return `<tr${variant.isControl ? ' class="control"' : ""}>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
}

function comparisonRow(variant: string, metric: string, versus: Decided | undefined): string {
  if (!versus) return "";
  const cells = [variant, ...comparisonCells(metric, versus)].map(escapeHtml);
  const cls = versus.breached ? ' class="bad"' : versus.significant ? ' class="sig"' : "";
  // The variant and the metric are names; the rest are figures.
  return `<tr${cls}>${cells.map((cell, i) => `<td${i === 1 ? ' class="name"' : ""}>${cell}</td>`).join("")}</tr>`;
}

function comparisonTable(experiment: ExperimentResult, method: Method): string[] {
  const rows = experiment.variants
    .filter((variant) => !variant.isControl)
    .flatMap((variant) => [
      comparisonRow(variant.variant, "CTR", variant.ctrVsControl),
      comparisonRow(variant.variant, "conversion", variant.conversionVsControl),
    ])
    .filter(Boolean);
  if (rows.length === 0) return [];
  const header = ["variant", ...comparisonHeader("metric", method)].map(escapeHtml);
  return [
    `<table><thead><tr>${header.map((cell, i) => `<th${i === 1 ? ' class="name"' : ""}>${cell}</th>`).join("")}</tr></thead><tbody>`,
    ...rows,
    "</tbody></table>",
  ];
}

function headingHtml(experiment: ExperimentResult): string {
  if (experiment.holdout) {
    const period = experiment.period
      ? `, ${dateText(experiment.period.from)} to ${dateText(experiment.period.to)}`
      : "";
    return `<h2>Program holdout ${escapeHtml(experiment.experiment)} <span class=small>personalized vs held out, cumulative${period}</span></h2>`;
  }
  const rules =
    experiment.rules.length > 0 ? ` <span class=small>rule ${escapeHtml(experiment.rules.join(", "))}</span>` : "";
  return `<h2>Experiment ${escapeHtml(experiment.experiment)}${rules}</h2>`;
}

function chartRows(experiment: ExperimentResult, metric: "ctr" | "conversion"): ChartRow[] {
  return experiment.variants.map((variant) => {
    const rate = variant[metric];
    const row = { label: variant.variant, rate: rate.rate, low: rate.low, high: rate.high, control: variant.isControl };
    return metric === "ctr" && variant.hidden ? { ...row, instead: "shows nothing" } : row;
  });
}

function srmHtml(experiment: ExperimentResult): string {
  const { srm } = experiment;
  if (experiment.sharesMoved) return "<p>Sample ratio: not checked, the shares moved (see the note).</p>";
  if (!srm) return "";
  const verdict = srm.mismatch ? `<span class="bad">mismatch</span>` : `<span class="ok">as expected</span>`;
  return `<p>Sample ratio: χ² = ${srm.chiSquare.toFixed(2)}, df = ${srm.df}, p = ${pValueText(srm.pValue)}: ${verdict}</p>`;
}

function experimentSection(experiment: ExperimentResult, method: Method): string {
  const warnings = experiment.notes.filter((note) => note.startsWith("SAMPLE RATIO"));
  const notes = experiment.notes.filter((note) => !note.startsWith("SAMPLE RATIO"));
  const panels = [
    ...(experiment.compareClicks || (!experiment.holdout && experiment.rules.length > 0)
      ? [{ title: "Click-through rate (95% interval)", rows: chartRows(experiment, "ctr") }]
      : []),
    { title: "Conversion rate (95% interval)", rows: chartRows(experiment, "conversion") },
  ];
  const heading = `<section>${headingHtml(experiment)}`;
  const noteLines = notes.map((note) => `<p class="note">Note: ${escapeHtml(note)}</p>`);
  if (experiment.variants.every((variant) => variant.exposed === 0))
    return [heading, ...noteLines, "</section>"].join("\n");
  return [
    heading,
    ...warnings.map((warning) => `<p class="warn">⚠ ${escapeHtml(warning)}</p>`),
    `<p class="call">Call: <strong>${escapeHtml(experiment.verdict.text)}</strong></p>`,
    `<p>Control: <strong>${escapeHtml(experiment.control)}</strong>, ${escapeHtml(experiment.controlReason)}.</p>`,
    "<table><thead><tr><th>variant</th><th>expected share</th><th>shoppers</th><th>exposures</th><th>clicked</th><th>CTR</th><th>converted</th><th>conversion</th><th>conversion, 95% credible</th></tr></thead><tbody>",
    ...experiment.variants.map((variant) => variantRow(variant, experiment.holdout)),
    "</tbody></table>",
    ...comparisonTable(experiment, method),
    srmHtml(experiment),
    ...noteLines,
    rateChartSvg(panels, `Rates per variant of experiment ${experiment.experiment}, with 95% intervals`),
    "</section>",
  ].join("\n");
}

function rulesSection(rules: readonly RuleResult[]): string {
  if (rules.length === 0) return "";
  const rows = rules.map(
    (rule) =>
      `<tr><td>${escapeHtml(rule.rule || "(none)")}</td><td>${countText(rule.exposed)}</td><td>${countText(rule.exposures)}</td>` +
      `<td>${countText(rule.ctr.successes)}</td><td>${percentText(rule.ctr.rate)}</td></tr>`,
  );
  const chart = rateChartSvg(
    [
      {
        title: "Click-through rate (95% interval)",
        rows: rules.map((rule) => ({
          label: rule.rule || "(none)",
          rate: rule.ctr.rate,
          low: rule.ctr.low,
          high: rule.ctr.high,
          control: false,
        })),
      },
    ],
    "Click-through rate per rule outside experiments, with 95% intervals",
  );
  return [
    "<section><h2>Rules outside experiments</h2>",
    "<p class=small>Blocks shown to shoppers not enrolled in any experiment: click-through only, no comparison.</p>",
    "<table><thead><tr><th>rule</th><th>shoppers</th><th>exposures</th><th>clicked</th><th>CTR</th></tr></thead><tbody>",
    ...rows,
    "</tbody></table>",
    chart,
    "</section>",
  ].join("\n");
}

export interface HtmlReportMeta {
  readonly source: string;
  /** Unix seconds. */
  readonly generatedAt: number;
}

export function renderHtmlReport(report: Report, meta: HtmlReportMeta): string {
  const when = new Date(meta.generatedAt * 1000).toISOString().replace("T", " ").slice(0, 16);
  const empty =
    report.experiments.length === 0 && report.rules.length === 0
      ? "<p>No exposures, clicks or conversions found.</p>"
      : "";
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>tact experiment report</title>",
    `<style>${STYLE}</style></head><body>`,
    "<h1>tact experiment report</h1>",
    `<p class="meta">Events: ${escapeHtml(meta.source)}<br>Generated ${when} UTC</p>`,
    `<p class="method">Method: ${escapeHtml(methodText(report.options.method, report.options.tunedFor))}</p>`,
    empty,
    ...report.experiments.map((experiment) => experimentSection(experiment, report.options.method)),
    rulesSection(report.rules),
    METHODS_HTML,
    "</body></html>",
    "",
  ].join("\n");
}
