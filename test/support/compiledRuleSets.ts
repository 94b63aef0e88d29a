/**
 * Rule documents for the compiler's tests (compileRuleSet*.test.ts), compiled
 * with the Worker's own platform, as the Worker compiles them.
 */
import { type CompiledRuleSet, compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import { productRule } from "./builders";

export { TEMPLATES, ruleDocument as document } from "./builders";

/** A product page's rule, as the compiler's tests start from it. */
export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return productRule("picks", { count: 4, heading: { en: "Goes well with", it: "Si abbina bene con" }, ...overrides });
}

export async function compiled(doc: unknown): Promise<CompiledRuleSet> {
  const outcome = await compileRuleSet(doc, workerPlatform);
  if (!outcome.ok) throw new Error(`expected the document to compile: ${outcome.reasons.join("; ")}`);
  return outcome.ruleset;
}

/** Nests a fact `depth` levels deep in all/any/not. */
export function nested(depth: number): unknown {
  let condition: unknown = { country: ["IT"] };
  for (let level = 0; level < depth; level++) {
    condition = level % 3 === 0 ? { not: condition } : level % 3 === 1 ? { all: [condition] } : { any: [condition] };
  }
  return condition;
}
