/**
 * Checks a ruleset document with the Worker's own schemas and names every
 * problem by its path ("rules[3].count: must be at least 2"). The Worker
 * additionally asks HTMLRewriter about selectors when it loads the document.
 */
import * as v from "valibot";
import { RuleSchema, RuleSetSchema, describeIssue } from "../../src/rules/RuleSet";
import { compileTemplate } from "../../src/rewrite/compileTemplate";

export function validateRuleSetDocument(document: unknown): string[] {
  const parsed = v.safeParse(RuleSetSchema, document);
  if (!parsed.success) return parsed.issues.map((issue) => describeIssue(issue));
  const problems: string[] = [];
  for (const [name, template] of Object.entries(parsed.output.templates)) {
    const compiled = compileTemplate(template);
    if (!compiled.ok) problems.push(`templates.${name}: ${compiled.reason}`);
  }
  const ids = new Set<string>();
  parsed.output.rules.forEach((raw, index) => {
    const rule = v.safeParse(RuleSchema, raw);
    if (!rule.success) {
      problems.push(...rule.issues.map((issue) => describeIssue(issue, `rules[${index}]`)));
      return;
    }
    if (ids.has(rule.output.id)) problems.push(`rules[${index}].id: "${rule.output.id}" is used by an earlier rule`);
    ids.add(rule.output.id);
    if (!(rule.output.template in parsed.output.templates)) {
      problems.push(`rules[${index}].template: no template named "${rule.output.template}"`);
    }
  });
  return problems;
}
