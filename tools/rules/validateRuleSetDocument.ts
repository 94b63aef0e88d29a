/**
 * Checks a ruleset document as the Worker would: the Worker's own compiler
 * judges it inside workerd (tools/validate), and every problem comes back
 * named by its path ("rules[3].count: must be at least 2"), all of them at
 * once. Here, in Node, they are reworded for a tester (plainReason), and
 * fields the Worker would quietly ignore are added as warnings.
 */
import type { RuleSetValidator } from "../validate/startValidator";
import { findUnknownFields } from "./findUnknownFields";
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

/** `text` is the document as stored (JSON); `validator` runs the Worker's compiler. */
export async function checkRuleSetDocument(text: string, validator: RuleSetValidator): Promise<RuleSetCheck> {
  const verdict = await validator.check(text);
  let warnings: string[] = [];
  try {
    warnings = findUnknownFields(JSON.parse(text));
  } catch {
    // Not JSON: the verdict says so.
  }
  return { ...verdict, problems: verdict.problems.map(plainReason), warnings };
}

/** The problems alone: an empty list means the document may be published. */
export async function validateRuleSetDocument(text: string, validator: RuleSetValidator): Promise<string[]> {
  return [...(await checkRuleSetDocument(text, validator)).problems];
}
