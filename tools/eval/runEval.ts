/**
 * The eval command: how good tact's recommendations are on a shop's own
 * data, beside the classic algorithms. `npm run eval -- <train-file> …`
 * (tact eval takes the same arguments); see EVAL_USAGE and docs/eval.md.
 *
 * Exit status: 0 done, 1 the data could not be read or judged, 2 bad arguments.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate } from "./evaluate";
import { formatTable } from "./formatTable";
import { type EvalArgs, EVAL_USAGE, UsageError, parseEvalArgs } from "./parseEvalArgs";
import { type TextSink, progressLine } from "./progressLine";
import { datasetName, resultsDocument } from "./resultsDocument";

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

export interface EvalIo {
  readonly out: TextSink;
  readonly err: TextSink;
  /** Relative paths on the command line are taken from here. */
  readonly cwd: string;
}

export function processIo(): EvalIo {
  // `npm run` moves to the package's root; INIT_CWD is where the command was typed.
  return { out: process.stdout, err: process.stderr, cwd: process.env["INIT_CWD"] ?? process.cwd() };
}

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

export async function runEval(argv: readonly string[], io: EvalIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseEvalArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`eval: ${error.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (parsed === "help") {
    io.out.write(`${EVAL_USAGE}\n`);
    return 0;
  }
  const args = withPaths(parsed, io.cwd);
  const progress = progressLine(io.err);
  try {
    const run = await evaluate({ ...args, status: progress.status, progress: progress.sessions });
    progress.done();
    const document = resultsDocument(run, args.name ?? datasetName(args.trainFile));
    // A validation run never overwrites the test figures.
    const path = args.out ?? `${RESULTS_DIR}${document.dataset}${args.validation ? ".validation" : ""}.json`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
    io.out.write(
      args.json ? `${JSON.stringify(document)}\n` : `${formatTable(document)}\nResults written to ${path}\n`,
    );
    return 0;
  } catch (error) {
    progress.done();
    io.err.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
