/**
 * The rules that may fill each slot on a page, best first: rules for this
 * page, for this shopper (audience, personas, caps), by priority, ties to the
 * earlier rule. Pure; table-tested.
 */
import { capAllows } from "../profile/caps";
import type { CompiledRule, CompiledRuleSet } from "../ruleset/compileRuleSet";
import { type Subject, matchCondition } from "./matchCondition";

export interface SlotCandidates {
  readonly selector: string;
  readonly position: CompiledRule["position"];
  /** Best first; the first that has enough items fills the slot. */
  readonly rules: readonly CompiledRule[];
}

/** Why a rule on this page is not for this shopper (the first reason found). */
export type LeftOut = "needs-profile" | "established-only" | "no-persona" | "capped";

export function whyLeftOut(rule: CompiledRule, subject: Subject | undefined, now: number): LeftOut | undefined {
  if (!subject) {
    return !rule.established && rule.personas === undefined && rule.cap === undefined ? undefined : "needs-profile";
  }
  if (rule.established && !subject.established) return "established-only";
  if (rule.personas && !rule.personas.some((persona) => matchCondition(persona, subject))) return "no-persona";
  return !rule.cap || capAllows(subject.profile, rule.id, rule.cap, now) ? undefined : "capped";
}

export function ruleApplies(rule: CompiledRule, subject: Subject | undefined, now: number): boolean {
  return whyLeftOut(rule, subject, now) === undefined;
}

/**
 * `subject` is undefined for a shopper without a profile: only rules for
 * everyone, without personas or caps, apply to them. A previewed rule applies
 * on its pages whoever the shopper is, and comes first in its slot.
 */
export function selectRules(
  ruleset: CompiledRuleSet,
  url: URL,
  subject: Subject | undefined,
  now: number,
  previewRule?: string,
): SlotCandidates[] {
  const slots = new Map<string, { selector: string; position: CompiledRule["position"]; rules: CompiledRule[] }>();
  for (const rule of ruleset.rules) {
    const forced = rule.id === previewRule;
    if (!rule.page.match(url) || (!forced && !ruleApplies(rule, subject, now))) continue;
    const key = `${rule.position} ${rule.selector}`;
    const slot = slots.get(key) ?? { selector: rule.selector, position: rule.position, rules: [] };
    slot.rules.push(rule);
    slots.set(key, slot);
  }
  const rank = (rule: CompiledRule) => (rule.id === previewRule ? Number.POSITIVE_INFINITY : rule.priority);
  for (const slot of slots.values()) slot.rules.sort((a, b) => rank(b) - rank(a));
  return [...slots.values()];
}
