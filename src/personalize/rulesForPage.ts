/**
 * The rules that apply to one URL: enabled, matching the page pattern, and one
 * per slot (the first in document order wins a slot).
 */
import type { CompiledRule, CompiledRuleSet } from "../rules/compileRuleSet";

export function rulesForPage(ruleset: CompiledRuleSet, url: URL): CompiledRule[] {
  const slots = new Set<string>();
  const chosen: CompiledRule[] = [];
  for (const rule of ruleset.rules) {
    const slot = `${rule.position} ${rule.selector}`;
    if (slots.has(slot) || !rule.page.test(url)) continue;
    slots.add(slot);
    chosen.push(rule);
  }
  return chosen;
}
