/**
 * Checks a ruleset document with the Worker's own schemas and compiler (copy
 * guard, selector and URL-pattern checks included), and names every problem by
 * its path ("rules[3].count: must be at least 2").
 *
 * The bar is the Worker's: what it would skip or refuse is a problem; what it
 * would quietly ignore (an unknown field) is a warning.
 */
import * as v from "valibot";
import { compileRuleSet } from "../../src/rules/compileRuleSet";
import { RuleSetSchema, describeIssue } from "../../src/rules/RuleSet";
import { findUnknownFields } from "./findUnknownFields";
import { nodePlatform } from "./nodePlatform";
import { plainReason } from "./plainReason";

export interface RuleSetCheck {
  /** Each "path: reason"; the document may be published only without any. */
  readonly problems: readonly string[];
  /** Each "path: reason" for what the Worker would ignore. */
  readonly warnings: readonly string[];
  /** Rules in the document, and how many of them are switched on. */
  readonly rules: number;
  readonly enabled: number;
}

export function checkRuleSetDocument(document: unknown): RuleSetCheck {
  const warnings = findUnknownFields(document);
  // compileRuleSet stops at three document-level issues joined by "; "; a
  // tester wants each on its own line, so the document is parsed here first.
  const parsed = v.safeParse(RuleSetSchema, document);
  if (!parsed.success) {
    return {
      problems: parsed.issues.map((issue) => plainReason(describeIssue(issue))),
      warnings,
      rules: 0,
      enabled: 0,
    };
  }
  const outcome = compileRuleSet(document, nodePlatform);
  const rules = parsed.output.rules;
  const enabled = rules.filter(
    (rule) => !(typeof rule === "object" && rule !== null && "enabled" in rule && rule.enabled === false),
  ).length;
  if (!outcome.ok) return { problems: [plainReason(outcome.reason)], warnings, rules: rules.length, enabled };
  return {
    problems: outcome.ruleset.skipped.map((problem) => plainReason(problem.reason)),
    warnings,
    rules: rules.length,
    enabled,
  };
}

/** The problems alone: an empty list means the document may be published. */
export function validateRuleSetDocument(document: unknown): string[] {
  return [...checkRuleSetDocument(document).problems];
}
