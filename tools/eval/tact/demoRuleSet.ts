/**
 * The ruleset tact is judged with: the demo's (kv-seed/ruleset.json),
 * compiled by the Worker's own compiler. On a product page its one rule is
 * "product-companions", the "Si abbina bene con" block: 4 items from the
 * page's related items, then those of recent views, the shopper's categories
 * and the shop's popular items, at most 2 of a category.
 *
 * The evaluation decides blocks but never renders them, so the compile here
 * takes selectors and templates as they are: the Worker's validator judges
 * the demo's in its own tests, inside workerd.
 */
import { readFile } from "node:fs/promises";
import type { CompiledRule, CompiledRuleSet, Platform } from "../../../src/core/ruleset/compileRuleSet";
import { compileRuleSet } from "../../../src/core/ruleset/compileRuleSet";

export const PRODUCT_RULE_ID = "product-companions";
const DEMO_RULESET = new URL("../../../kv-seed/ruleset.json", import.meta.url);

const decidingOnly: Platform = {
  checkSelector: () => undefined,
  compileTemplate: async () => ({ ok: true, value: { block: [], item: [], urlFields: [] } }),
};

export async function demoRuleSet(): Promise<CompiledRuleSet> {
  const compiled = await compileRuleSet(JSON.parse(await readFile(DEMO_RULESET, "utf8")), decidingOnly);
  if (!compiled.ok) throw new Error(`kv-seed/ruleset.json: ${compiled.reasons.join("; ")}`);
  productRule(compiled.ruleset);
  return compiled.ruleset;
}

export function productRule(ruleset: CompiledRuleSet): CompiledRule {
  const rule = ruleset.rules.find((candidate) => candidate.id === PRODUCT_RULE_ID);
  if (!rule) throw new Error(`the ruleset has no rule ${PRODUCT_RULE_ID}`);
  return rule;
}

/** What an evaluation may change in the product rule: where items come from, how many. */
export type RuleChange = Partial<Pick<CompiledRule, "strategies" | "count">>;

/** The ruleset with the product rule changed, as an experiment's variant changes a rule. */
export function withProductRule(ruleset: CompiledRuleSet, change: RuleChange): CompiledRuleSet {
  const rules = ruleset.rules.map((rule) => (rule.id === PRODUCT_RULE_ID ? { ...rule, ...change } : rule));
  return { ...ruleset, rules };
}
