/**
 * The eval command's arguments, checked before any work starts: a bad
 * combination is a UsageError naming what to change.
 */
import { EXIT_CODES, UsageError } from "../cli/CliError";
import { type Values, parseCommandLine, text } from "../cli/runCommand";
import type { SplitRequest } from "./data/loadSplit";

export const EVAL_USAGE = `Usage: tact eval <train-file> [<test-file>] [options]
       (npm run eval -- … is the same)

Replays a shop's sessions through tact's product-page block and the classic
session-based algorithms (POP, sequential rules, item-kNN), and reports how
often each shows the item the shopper viewed next: HR@4, HR@10, MRR@20, over
all next items and over new ones, with 95% intervals.

Data (CSV or TSV with a header; the separator is detected):
  <train-file>             session, item and time columns (see docs/recommendations.md)
  <test-file>              the same columns: a given test set
  --test-days <n>          without a test file: the sessions ending in the
                           last n days are the test set
  --categories <file>      item, category rows
  --event <type>           keep only rows of this event type (when there is an event column)

Run:
  --validation             judge a validation set carved from the end of the
                           training sessions (as many days as the test set),
                           with the experimental variants; the test set is
                           read only to count its days, never judged
  --validation-days <n>    the same, with the last n days of training
  --json                   print the results as one JSON object
  --out <file.json>        where to write the results (default:
                           tools/eval/results/<dataset>[.validation].json)
  --name <dataset>         the data set's name (default: from the training file)
  -h, --help               show this help

${EXIT_CODES} (1: the data could not be read, or
nothing in it could be judged)`;

export interface EvalArgs extends SplitRequest {
  readonly json: boolean;
  readonly out: string | undefined;
  readonly name: string | undefined;
}

const OPTIONS = {
  "test-days": { type: "string" },
  categories: { type: "string" },
  event: { type: "string" },
  validation: { type: "boolean" },
  "validation-days": { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
  name: { type: "string" },
} as const;

function wholeDays(values: Values, option: string): number | undefined {
  const given = text(values, option);
  if (given === undefined) return undefined;
  const days = Number(given);
  if (!Number.isInteger(days) || days < 1) {
    throw new UsageError(`--${option} must be a whole number of days, at least 1 (not ${given})`);
  }
  return days;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs | "help" {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values["help"]) return "help";
  const [trainFile, testFile, ...extra] = positionals;
  if (trainFile === undefined) throw new UsageError("name the training file");
  if (extra.length > 0) throw new UsageError(`one training and at most one test file, not also ${extra.join(" ")}`);
  const testDays = wholeDays(values, "test-days");
  const validationDays = wholeDays(values, "validation-days");
  if (testFile !== undefined && testDays !== undefined) {
    throw new UsageError("give a test file or --test-days, not both");
  }
  if (testFile === undefined && testDays === undefined) {
    throw new UsageError("give a test file, or --test-days N to split the training file by days");
  }
  return {
    trainFile,
    testFile,
    testDays,
    categoriesFile: text(values, "categories"),
    event: text(values, "event"),
    validation: values["validation"] === true || validationDays !== undefined,
    validationDays,
    json: values["json"] === true,
    out: text(values, "out"),
    name: text(values, "name"),
  };
}
