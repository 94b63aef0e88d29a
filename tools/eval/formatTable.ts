/**
 * The readable form of a run: one table for all next items, one for new next
 * items, each row a recommender with its figures and 95% intervals, and for
 * tact's variants the change in HR@4 against tact as the Worker runs it,
 * with its paired 95% interval.
 */
import type { Pair, Versus } from "./evaluate";
import type { Interval } from "./metrics/intervals";
import type { Figures } from "./metrics/Tally";
import type { ResultsDocument } from "./resultsDocument";

const NAME_WIDTH = 30;
const FIGURE_WIDTH = 22;

const number = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "  -  ");
const withInterval = (value: number, [low, high]: Interval) => `${number(value)} [${number(low)}, ${number(high)}]`;
const signed = (value: number) => (value >= 0 ? `+${value.toFixed(3)}` : value.toFixed(3));

function row(name: string, figures: Figures, change?: Versus["hr4Change"]["all"]): string {
  const { interval } = figures;
  return [
    name.padEnd(NAME_WIDTH),
    String(figures.predictions).padStart(6),
    `${Math.round(100 * figures.shown)}%`.padStart(5),
    withInterval(figures.hr4, interval.hr4).padEnd(FIGURE_WIDTH),
    withInterval(figures.hr10, interval.hr10).padEnd(FIGURE_WIDTH),
    withInterval(figures.mrr20, interval.mrr20).padEnd(FIGURE_WIDTH),
    change ? `${signed(change.value)} [${signed(change.interval[0])}, ${signed(change.interval[1])}]` : "",
  ]
    .join("  ")
    .trimEnd();
}

function table(document: ResultsDocument, which: "all" | "new"): string[] {
  const header = [
    "".padEnd(NAME_WIDTH),
    "n".padStart(6),
    "shown",
    ...["HR@4", "HR@10", "MRR@20"].map((h) => h.padEnd(FIGURE_WIDTH)),
  ];
  const section = (title: string, entries: Readonly<Record<string, Pair | Versus>>) => [
    title,
    ...Object.entries(entries).map(([name, pair]) =>
      row(`  ${name}`, pair[which], "hr4Change" in pair ? pair.hr4Change[which] : undefined),
    ),
  ];
  return [
    which === "all" ? "All next items" : "New next items (not viewed earlier in the session)",
    [...header, "ΔHR@4"].join("  "),
    row("tact (product page)", document.tact[which]),
    ...section("baselines", document.baselines),
    ...section("tact with one constraint off (ΔHR@4 = off − on: what it costs)", document.constraints),
    ...(document.experiments ? section("experiments (ΔHR@4 = variant − tact)", document.experiments) : []),
  ];
}

export function formatTable(document: ResultsDocument): string {
  const { split } = document;
  const source =
    split.kind === "files"
      ? `${split.trainFile} + ${split.testFile}`
      : `${split.trainFile}, last ${split.testDays} days`;
  const judged = split.judged === "validation" ? `validation (last ${split.validationDays} days of training)` : "test";
  return [
    `tact eval: ${document.dataset} (${source})`,
    `  trained on ${split.trainSessions} sessions, ${split.trainItems} items; judged on ${judged}: ${split.judgedSessions} sessions from ${split.cutoff}`,
    `  code ${document.codeVersion}, ${document.date}, ${document.seconds} s`,
    "",
    ...table(document, "all"),
    "",
    ...table(document, "new"),
    "",
  ].join("\n");
}
