/**
 * The rules CLI's validator, as a Worker: it is bundled and run inside workerd
 * (startValidator.ts), where it compiles a ruleset document with the Worker's
 * own compiler and platform. Selectors, URL patterns and templates are judged
 * by HTMLRewriter itself, so the CLI refuses exactly what the Worker would
 * skip. POST the document's text; the answer is a Verdict.
 */
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import type { Verdict } from "./Verdict";

const isSwitchedOff = (rule: unknown) =>
  typeof rule === "object" && rule !== null && "enabled" in rule && rule.enabled === false;

async function judge(text: string): Promise<Verdict> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problems: [`document: is not JSON (${String(error)})`], rules: 0, enabled: 0 };
  }
  const outcome = await compileRuleSet(document, workerPlatform);
  if (!outcome.ok) return { problems: [...outcome.reasons], rules: 0, enabled: 0 };
  const rules = (document as { rules: unknown[] }).rules;
  return {
    problems: outcome.ruleset.skipped.flatMap((problem) => problem.reasons),
    rules: rules.length,
    enabled: rules.filter((rule) => !isSwitchedOff(rule)).length,
  };
}

export default {
  async fetch(request: Request): Promise<Response> {
    return Response.json(await judge(await request.text()));
  },
} satisfies ExportedHandler;
