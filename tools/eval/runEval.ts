/**
 * `tact eval <train-file> …` (and `npm run eval -- …`): how good tact's
 * recommendations are on a shop's own data, beside the classic algorithms.
 * See EVAL_USAGE and docs/recommendations.md.
 *
 * Exit codes: 0 done, 1 the data could not be read or nothing in it could be
 * judged, 2 bad arguments or a file that cannot be opened.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EnvironmentError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { runCommand } from "../cli/runCommand";
import { evaluate } from "./evaluate";
import { formatTable } from "./formatTable";
import { type EvalArgs, EVAL_USAGE, parseEvalArgs } from "./parseEvalArgs";
import { type TextSink, progressLine } from "./progressLine";
import { commandLine, datasetName, resultsDocument } from "./resultsDocument";
import { resultsMarkdown } from "./resultsMarkdown";

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

function withPaths(args: EvalArgs, cwd: string): EvalArgs {
  const at = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
  return {
    ...args,
    trainFile: resolve(cwd, args.trainFile),
    testFile: at(args.testFile),
    categoriesFile: at(args.categoriesFile),
    out: at(args.out),
  };
}

async function readable(path: string | undefined, what: string): Promise<void> {
  if (path === undefined) return;
  try {
    await access(path);
  } catch {
    throw new EnvironmentError(`cannot read the ${what} ${path}`);
  }
}

/** Progress goes to stderr a line at a time, so stdout stays the table or the JSON. */
function lineSink(err: (line: string) => void): TextSink {
  let pending = "";
  return {
    write(text: string) {
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.replace(/^\r/, "") !== "") err(line.replace(/^\r/, ""));
    },
  };
}

async function evalFiles(parsed: EvalArgs, argv: readonly string[], io: CliIo): Promise<number> {
  const args = withPaths(parsed, io.cwd);
  await readable(args.trainFile, "training file");
  await readable(args.testFile, "test file");
  await readable(args.categoriesFile, "categories file");
  const progress = progressLine(lineSink(io.err));
  try {
    const run = await evaluate({ ...args, status: progress.status, progress: progress.sessions });
    const document = resultsDocument(run, args.name ?? datasetName(args.trainFile), commandLine(argv));
    // A validation run never overwrites the test figures.
    const path = args.out ?? `${RESULTS_DIR}${document.dataset}${args.validation ? ".validation" : ""}.json`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
    await writeFile(path.replace(/(\.json)?$/, ".md"), resultsMarkdown(document));
    io.out(args.json ? JSON.stringify(document) : `${formatTable(document)}\nResults written to ${path} (and .md)`);
    return 0;
  } finally {
    progress.done();
  }
}

export function runEval(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "eval", async () => {
    const parsed = parseEvalArgs(argv);
    if (parsed === "help") {
      io.out(EVAL_USAGE);
      return 0;
    }
    return evalFiles(parsed, argv, io);
  });
}
