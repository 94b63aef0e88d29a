/**
 * `toggle <rule> on|off`: switches a rule on or off by its `enabled` field,
 * without a deploy. A rule switched off is still validated (a broken rule stays
 * visible) but never shown; its experiment stops enrolling and reporting.
 */
import { findRule } from "./findRule";

/** Returns the edited copy; the original is left as it was. */
export function toggleRule(document: unknown, id: string, on: boolean, source: string): unknown {
  const edited = structuredClone(document) as { rules: unknown[] };
  const { index, rule } = findRule(edited, id, source);
  const isOn = rule["enabled"] !== false;
  if (isOn === on) return edited;
  if ("enabled" in rule) rule["enabled"] = on;
  else {
    // Absent means on. A new field goes right under the id, where a reader looks for it.
    const { id: ruleId, ...rest } = rule;
    edited.rules[index] = { id: ruleId, enabled: on, ...rest };
  }
  return edited;
}
