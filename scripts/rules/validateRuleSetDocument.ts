/**
 * Checks a ruleset document with the Worker's own schemas and compiler, and
 * names every problem by its path ("rules[3].count: must be at least 2").
 */
import { compileRuleSet } from "../../src/rules/compileRuleSet";
import { nodePlatform } from "./nodePlatform";

export function validateRuleSetDocument(document: unknown): string[] {
  const outcome = compileRuleSet(document, nodePlatform);
  return outcome.ok ? outcome.ruleset.skipped.map((problem) => problem.reason) : [outcome.reason];
}
