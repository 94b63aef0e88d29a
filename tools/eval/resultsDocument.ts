/**
 * The results of a run as one JSON document: what `--json` prints and what
 * the results file holds, so every figure can be read by other tools and
 * traced to the data, the split and the code that produced it.
 */
import { execFileSync } from "node:child_process";
import { basename, extname, isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Evaluation } from "./evaluate";
import { LEVEL } from "./metrics/intervals";
import { PRODUCT_RULE_ID } from "./tact/demoRuleSet";

export interface ResultsDocument extends Evaluation {
  readonly dataset: string;
  /** The command line that produced the figures, as typed. */
  readonly command: string;
  readonly protocol: Readonly<Record<string, string>>;
  /** `git describe`-like: the commit, with -dirty when tracked files had changes. */
  readonly codeVersion: string;
  readonly date: string;
}

const PROTOCOL = {
  reference:
    "Ludewig & Jannach (2018), Evaluation of session-based recommendation algorithms, UMUAI 28; the session-rec framework",
  replay: "every position of every judged session: the views so far in, the next view judged",
  new: "next items not viewed earlier in the session (the only ones tact may show)",
  hr4: "the next item is in the block of 4",
  hr10: "the next item is in a list (for tact: a block) of 10",
  mrr20: "1/rank of the next item in a list (for tact: a block, in the order shown) of 20, else 0",
  intervals: `${LEVEL * 100}%: Wilson score for hit rates, mean ± z·s/√n for MRR and paired changes`,
  tact: `rule ${PRODUCT_RULE_ID} of kv-seed/ruleset.json asked for 4, 10 and 20 items; catalog as npm run import builds it from the training sessions`,
  baselines:
    "pop: views in training; sr: sequential rules, 10 steps, 1/distance; iknn: cosine with shrinkage 20, from the current view",
  tactful:
    "a baseline's ranking as each product's related items, through tact's picking without a category cap: seen items hidden, coincidence shuffle, at least 2",
  constraints: "tact with one constraint off; hr4Change = off − on, what the constraint costs (negative: it helps)",
};

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The data set's name from the training file: "…/yoochoose-clicks-100k_train_full.txt" → "yoochoose-clicks-100k". */
export function datasetName(trainFile: string): string {
  const name = basename(trainFile, extname(trainFile)).replace(/[-_.]?train(ing)?([-_.]full)?$/i, "");
  return name || basename(trainFile, extname(trainFile));
}

function codeVersion(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  try {
    const head = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--untracked-files=no") ? `${head}-dirty` : head;
  } catch {
    return "unknown";
  }
}

/** Figures to 4 decimals: the intervals are far wider than that. */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Math.round(value * 1e4) / 1e4;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rounded(inner)]));
  }
  return value;
}

/** A command line as it could be typed again: arguments with spaces or quotes are quoted. */
export function commandLine(argv: readonly string[]): string {
  const quoted = argv.map((arg) => (/^[\w./=:@+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`));
  return ["npx tact eval", ...quoted].join(" ");
}

/** A data file's path as the repository sees it, so results read the same on every machine. */
function fromRoot(path: string): string {
  return isAbsolute(path) ? relative(ROOT, path) : path;
}

export function resultsDocument(run: Evaluation, dataset: string, command: string, now = new Date()): ResultsDocument {
  const { split, seconds, ...figures } = run;
  return {
    dataset,
    command,
    split: {
      ...split,
      trainFile: fromRoot(split.trainFile),
      ...(split.testFile === undefined ? {} : { testFile: fromRoot(split.testFile) }),
      ...(split.categoriesFile === undefined ? {} : { categoriesFile: fromRoot(split.categoriesFile) }),
    },
    protocol: PROTOCOL,
    codeVersion: codeVersion(),
    date: now.toISOString(),
    ...(rounded(figures) as Omit<Evaluation, "split" | "seconds">),
    seconds: Math.round(seconds * 10) / 10,
  };
}
