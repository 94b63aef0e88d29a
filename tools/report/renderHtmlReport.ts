/**
 * The report as one self-contained HTML file: styles inline, charts as inline
 * SVG, no script, no font, no image and no link to fetch, so it opens offline,
 * can be mailed as an attachment, and prints. Every value from the events is
 * escaped (they come from logs).
 */
import type { ExperimentResult, Report, RuleResult, VariantResult, VsControl } from "./analyzeEvents";
import { escapeHtml } from "../../src/html/escapeHtml";
import { countText, liftText, pValueText, percentText, variantFigures } from "./formatFigures";
import { type ChartRow, rateChartSvg } from "./rateChartSvg";

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;max-width:980px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}
.meta,.small{color:#555;font-size:.9rem} table{border-collapse:collapse;margin:.6rem 0}
th,td{padding:.25rem .7rem;border-bottom:1px solid #e6e6e6;text-align:right} th:first-child,td:first-child{text-align:left}
th{font-weight:600;background:#f6f6f6} tr.control td{color:#444;background:#fafafa}
.warn{background:#fff1f0;border:1px solid #e0a0a0;padding:.6rem .8rem;border-radius:4px}
.note{color:#444} .ok{color:#26734d} .bad{color:#b3261e;font-weight:600} .sig{font-weight:700}
svg{max-width:100%;height:auto}
@media print{body{margin:0}}`;

function variantRow(variant: VariantResult): string {
  const cells = [
    `${escapeHtml(variant.variant)}${variant.isControl && variant.variant !== "control" ? " <span class=small>(control)</span>" : ""}`,
    ...variantFigures(variant),
  ];
  return `<tr${variant.isControl ? ' class="control"' : ""}>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`;
}

function comparisonRow(variant: string, metric: string, versus: VsControl | undefined): string {
  if (!versus) return "";
  const { lift, interval } = liftText(versus.lift);
  const p = versus.test?.pValue;
  const cls = p !== undefined && p < 0.05 ? ' class="sig"' : "";
  return `<tr><td>${escapeHtml(variant)}</td><td>${metric}</td><td>${lift}</td><td>${escapeHtml(interval)}</td><td${cls}>${pValueText(p)}</td></tr>`;
}

function chartRows(experiment: ExperimentResult, metric: "ctr" | "conversion"): ChartRow[] {
  return experiment.variants.map((variant) => {
    const rate = variant[metric];
    const row = { label: variant.variant, rate: rate.rate, low: rate.low, high: rate.high, control: variant.isControl };
    return metric === "ctr" && variant.hidden ? { ...row, instead: "shows nothing" } : row;
  });
}

function experimentSection(experiment: ExperimentResult): string {
  const rules =
    experiment.rules.length > 0 ? ` <span class=small>rule ${escapeHtml(experiment.rules.join(", "))}</span>` : "";
  const warnings = experiment.notes.filter((note) => note.startsWith("SAMPLE RATIO"));
  const notes = experiment.notes.filter((note) => !note.startsWith("SAMPLE RATIO"));
  const comparisons = experiment.variants
    .filter((variant) => !variant.isControl)
    .flatMap((variant) => [
      comparisonRow(variant.variant, "CTR", variant.ctrVsControl),
      comparisonRow(variant.variant, "conversion", variant.conversionVsControl),
    ])
    .filter(Boolean);
  const panels = [
    ...(experiment.rules.length > 0
      ? [{ title: "Click-through rate (95% interval)", rows: chartRows(experiment, "ctr") }]
      : []),
    { title: "Conversion rate (95% interval)", rows: chartRows(experiment, "conversion") },
  ];
  const { srm } = experiment;
  const heading = `<section><h2>Experiment ${escapeHtml(experiment.experiment)}${rules}</h2>`;
  if (experiment.variants.every((variant) => variant.exposed === 0)) {
    return [heading, ...notes.map((note) => `<p class="note">Note: ${escapeHtml(note)}</p>`), "</section>"].join("\n");
  }
  return [
    heading,
    ...warnings.map((warning) => `<p class="warn">⚠ ${escapeHtml(warning)}</p>`),
    `<p>Control: <strong>${escapeHtml(experiment.control)}</strong>, ${escapeHtml(experiment.controlReason)}.</p>`,
    "<table><thead><tr><th>variant</th><th>expected share</th><th>shoppers</th><th>exposures</th><th>clicked</th><th>CTR</th><th>converted</th><th>conversion</th></tr></thead><tbody>",
    ...experiment.variants.map(variantRow),
    "</tbody></table>",
    ...(comparisons.length > 0
      ? [
          `<table><thead><tr><th>variant vs ${escapeHtml(experiment.control)}</th><th>metric</th><th>lift</th><th>95% interval</th><th>p-value</th></tr></thead><tbody>`,
          ...comparisons,
          "</tbody></table>",
        ]
      : []),
    srm
      ? `<p>Sample ratio: χ² = ${srm.chiSquare.toFixed(2)}, df = ${srm.df}, p = ${pValueText(srm.pValue)}: ` +
        (srm.mismatch ? `<span class="bad">mismatch</span>` : `<span class="ok">as expected</span>`) +
        "</p>"
      : "",
    ...notes.map((note) => `<p class="note">Note: ${escapeHtml(note)}</p>`),
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

const METHODS = `<section><h2>How these figures are computed</h2><ul class=small>
<li><strong>Shoppers</strong>: unique shoppers (hashed anonymous ids) with at least one exposure to the variant. A control that shows nothing still counts: its exposures record that the block would have been shown.</li>
<li><strong>CTR</strong>: exposed shoppers with at least one click attributed to the experiment and variant, divided by exposed shoppers. <strong>Conversion</strong>: exposed shoppers with at least one conversion for it, divided by exposed shoppers. Intervals on each rate: 95% Wilson score.</li>
<li><strong>Lift</strong>: (rate of the variant − rate of the control) / rate of the control, with a 95% interval from the delta method on the log of the rate ratio: exp(ln r ± 1.96·√(1/x<sub>t</sub> − 1/n<sub>t</sub> + 1/x<sub>c</sub> − 1/n<sub>c</sub>)) − 1.</li>
<li><strong>p-value</strong>: pooled two-proportion z-test, two-sided, on per-shopper outcomes.</li>
<li><strong>Sample ratio</strong>: chi-square goodness of fit of exposed shoppers per variant against the expected shares the events carry (df = variants − 1); below p = 0.001 the split is not what the weights say, and the figures should not be trusted until the cause is found.</li>
</ul></section>`;

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
    empty,
    ...report.experiments.map(experimentSection),
    rulesSection(report.rules),
    METHODS,
    "</body></html>",
    "",
  ].join("\n");
}
