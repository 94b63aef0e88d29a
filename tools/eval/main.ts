/** `npm run eval -- <train-file> [<test-file>] [options]`: see docs/eval.md. */
import { runEval } from "./index";

runEval(process.argv.slice(2)).then((code) => (process.exitCode = code));
