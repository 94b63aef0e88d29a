/**
 * Starts the rules CLI's validator: validatorWorker.ts, bundled with esbuild
 * and run inside workerd through Miniflare, with the compatibility date the
 * Worker is deployed with. The CLI then validates with the Worker's own code
 * in the Worker's own runtime, rather than a Node-side copy of what
 * HTMLRewriter and the compiler would say. Starting takes a second or two;
 * one validator serves every check of a command. esbuild and Miniflare are
 * loaded only then: commands that validate nothing start as fast as before.
 */
import { readFile } from "node:fs/promises";
import * as v from "valibot";
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

/** The Worker's compatibility date, from wrangler.toml, so the validator runs the same runtime behaviour. */
async function compatibilityDate(): Promise<string> {
  const config = await readFile(new URL("wrangler.toml", root), "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(config)?.[1];
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  return date;
}

export async function startValidator(): Promise<RuleSetValidator> {
  const [script, date, { Miniflare }] = await Promise.all([bundle(), compatibilityDate(), import("miniflare")]);
  const runtime = new Miniflare({ modules: true, script, compatibilityDate: date });
  await runtime.ready;
  return {
    async check(text) {
      const response = await runtime.dispatchFetch("http://validator.invalid/", { method: "POST", body: text });
      return v.parse(VerdictSchema, await response.json());
    },
    close: () => runtime.dispose(),
  };
}
