/**
 * Finds a rule by id in a ruleset document as stored (plain JSON, not yet
 * validated), for the commands that edit or point at one rule.
 */
import { CliError } from "../cli/CliError";

export interface FoundRule {
  readonly index: number;
  /** The rule as stored; editing it edits the document. */
  readonly rule: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function findRule(document: unknown, id: string, source: string): FoundRule {
  const rules = isObject(document) && Array.isArray(document["rules"]) ? (document["rules"] as unknown[]) : undefined;
  if (!rules) throw new CliError(`${source} has no rules list`);
  const index = rules.findIndex((rule) => isObject(rule) && rule["id"] === id);
  const rule = rules[index];
  if (!isObject(rule)) {
    const ids = rules.flatMap((other) => (isObject(other) && typeof other["id"] === "string" ? [other["id"]] : []));
    throw new CliError(`no rule "${id}" in ${source}; its rules are: ${ids.join(", ") || "(none)"}`);
  }
  return { index, rule };
}
