/** The eval command, for the `tact` command line and `npm run eval`. */
export { EVAL_USAGE } from "./parseEvalArgs";
export { runEval } from "./runEval";
