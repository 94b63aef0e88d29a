/**
 * Starts the rules CLI's validator: validatorWorker.ts, bundled with esbuild
 * and run inside workerd through Miniflare, with the compatibility date the
 * Worker is deployed with. The CLI then validates with the Worker's own code
 * in the Worker's own runtime, rather than a Node-side copy of what
 * HTMLRewriter and the compiler would say. Starting takes a second or two;
 * one validator serves every check of a command. esbuild and Miniflare are
 * loaded only then: commands that validate nothing start quickly.
 */
import * as v from "valibot";
import { compatibilityDateOf, startWorkerd } from "../shared/workerd";
import { type Verdict, VerdictSchema } from "./Verdict";

const root = new URL("../..", import.meta.url);

export interface RuleSetValidator {
  /** The Worker's verdict on a document's text. */
  check(text: string): Promise<Verdict>;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [new URL("tools/validate/validatorWorker.ts", root).pathname],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no validator bundle");
  return output.text;
}

export async function startValidator(): Promise<RuleSetValidator> {
  const [source, compatibilityDate] = await Promise.all([
    bundle(),
    compatibilityDateOf(new URL("wrangler.toml", root)),
  ]);
  // The Worker's compatibility date, so the validator runs the same runtime behaviour.
  const { miniflare, dispose } = await startWorkerd({ script: { source }, compatibilityDate });
  return {
    async check(text) {
      const response = await miniflare.dispatchFetch("http://validator.invalid/", { method: "POST", body: text });
      return v.parse(VerdictSchema, await response.json());
    },
    close: dispose,
  };
}
