/**
 * The results file a reader opens (beside the JSON other tools read): the
 * data set, the split, the code version, the date and the command, then one
 * table of every recommender's figures on all and on new next items, with
 * 95% intervals for HR@4. docs/recommendations.md quotes its rows.
 */
import type { Pair, Versus } from "./evaluate";
import type { Figures } from "./metrics/Tally";
import type { ResultsDocument } from "./resultsDocument";

const f = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "–");

function cells(figures: Figures): string[] {
  const [low, high] = figures.interval.hr4;
  return [`${f(figures.hr4)} [${f(low)}, ${f(high)}]`, f(figures.hr10), f(figures.mrr20)];
}

function row(name: string, pair: Pair | Versus): string {
  const change = "hr4Change" in pair ? pair.hr4Change.new : undefined;
  const delta = change ? `${change.value >= 0 ? "+" : ""}${change.value.toFixed(3)}` : "";
  return `| ${name} | ${[...cells(pair.new), ...cells(pair.all), delta].join(" | ")} |`;
}

function splitLine(document: ResultsDocument): string {
  const { split } = document;
  const source =
    split.kind === "files"
      ? `given files (train ${split.trainFile}, test ${split.testFile})`
      : `${split.trainFile}, sessions ending in the last ${split.testDays} days are the test set`;
  const judged =
    split.judged === "validation"
      ? `a validation set: the last ${split.validationDays} days of training (the test set is not judged)`
      : "the test set";
  return `${source}; judged on ${judged}, ${split.judgedSessions} sessions from ${split.cutoff}; trained on ${split.trainSessions} sessions, ${split.trainItems} items`;
}

export function resultsMarkdown(document: ResultsDocument): string {
  const rows = [
    row("**tact** (product page, every constraint on)", document.tact),
    ...Object.entries(document.baselines).map(([name, pair]) => row(name, pair)),
    ...Object.entries(document.constraints).map(([name, pair]) => row(`tact without ${name}`, pair)),
    ...Object.entries(document.experiments ?? {}).map(([name, pair]) => row(`tact, ${name}`, pair)),
  ];
  return [
    `# tact eval: ${document.dataset}`,
    "",
    `- Split: ${splitLine(document)}`,
    `- Predictions: ${document.predictions.all} (all next items), ${document.predictions.new} (new next items)`,
    `- Code version: ${document.codeVersion}; date: ${document.date}; ${document.seconds} s`,
    `- Command: \`${document.command}\``,
    `- Protocol: ${document.protocol["reference"]}; ${document.protocol["replay"]}`,
    "",
    "HR@4 with its 95% interval; ΔHR@4 (new) = the row's HR@4 minus tact's on new next items.",
    "",
    "| | HR@4 new | HR@10 new | MRR@20 new | HR@4 all | HR@10 all | MRR@20 all | ΔHR@4 new |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
