/**
 * Turns a ruleset document into what requests use: URL patterns compiled,
 * templates compiled, selectors checked, bad rules set aside with a reason.
 * Done once per load, never per request.
 */
import * as v from "valibot";
import type { PagePatterns } from "../page/classifyPage";
import { type CompiledTemplate, compileTemplate } from "../rewrite/compileTemplate";
import { type Rule, RuleSchema, RuleSetSchema, type Settings, type SLOT_POSITIONS, describeIssue } from "./RuleSet";

export type SlotPosition = (typeof SLOT_POSITIONS)[number];

export interface CompiledRule {
  readonly id: string;
  readonly page: URLPattern;
  readonly selector: string;
  readonly position: SlotPosition;
  readonly count: number;
  readonly template: CompiledTemplate;
  readonly heading: Readonly<Record<string, string>>;
}

export interface SkippedRule {
  readonly index: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface CompiledRuleSet {
  readonly settings: Settings;
  readonly pages: PagePatterns;
  /** Enabled, valid rules in document order. */
  readonly rules: readonly CompiledRule[];
  readonly skipped: readonly SkippedRule[];
}

export type CompileOutcome = { ok: true; ruleset: CompiledRuleSet } | { ok: false; reason: string };

/** Returns why a selector cannot be used, or undefined when it can. */
export type SelectorCheck = (selector: string) => string | undefined;

function compilePattern(pathname: string): URLPattern | string {
  try {
    return new URLPattern({ pathname });
  } catch {
    return `"${pathname}" is not a valid URL path pattern`;
  }
}

function compilePages(settings: Settings): PagePatterns | string {
  const { product, category, conversion } = settings.pages;
  const compiled = {
    product: compilePattern(product),
    category: compilePattern(category),
    conversion: compilePattern(conversion),
  };
  for (const [name, pattern] of Object.entries(compiled)) {
    if (typeof pattern === "string") return `settings.pages.${name}: ${pattern}`;
  }
  if (!product.includes(":id")) return "settings.pages.product: must capture the product id as :id";
  if (!category.includes(":slug")) return "settings.pages.category: must capture the category slug as :slug";
  return compiled as PagePatterns;
}

export function compileRuleSet(document: unknown, checkSelector: SelectorCheck): CompileOutcome {
  const parsed = v.safeParse(RuleSetSchema, document);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.issues
        .slice(0, 3)
        .map((issue) => describeIssue(issue))
        .join("; "),
    };
  }
  const { settings, templates, rules } = parsed.output;
  const pages = compilePages(settings);
  if (typeof pages === "string") return { ok: false, reason: pages };

  const compiledTemplates = new Map<string, ReturnType<typeof compileTemplate>>();
  for (const [name, template] of Object.entries(templates)) compiledTemplates.set(name, compileTemplate(template));

  const compiled: CompiledRule[] = [];
  const skipped: SkippedRule[] = [];
  const seen = new Set<string>();
  rules.forEach((raw, index) => {
    const where = `rules[${index}]`;
    const rule = v.safeParse(RuleSchema, raw);
    if (!rule.success) {
      const id = typeof raw === "object" && raw !== null && "id" in raw ? String(raw.id) : undefined;
      skipped.push({ index, id, reason: describeIssue(rule.issues[0] as v.BaseIssue<unknown>, where) });
      return;
    }
    const outcome = compileRule(rule.output, where, compiledTemplates, checkSelector, seen);
    seen.add(rule.output.id);
    if (typeof outcome === "string") skipped.push({ index, id: rule.output.id, reason: outcome });
    else if (rule.output.enabled) compiled.push(outcome);
  });
  return { ok: true, ruleset: { settings, pages, rules: compiled, skipped } };
}

function compileRule(
  rule: Rule,
  where: string,
  templates: ReadonlyMap<string, ReturnType<typeof compileTemplate>>,
  checkSelector: SelectorCheck,
  seen: ReadonlySet<string>,
): CompiledRule | string {
  if (seen.has(rule.id)) return `${where}.id: "${rule.id}" is used by an earlier rule`;
  const page = compilePattern(rule.page);
  if (typeof page === "string") return `${where}.page: ${page}`;
  const selectorProblem = checkSelector(rule.slot.selector);
  if (selectorProblem) return `${where}.slot.selector: ${selectorProblem}`;
  const template = templates.get(rule.template);
  if (!template) return `${where}.template: no template named "${rule.template}"`;
  if (!template.ok) return `${where}.template: template "${rule.template}" ${template.reason}`;
  return {
    id: rule.id,
    page,
    selector: rule.slot.selector,
    position: rule.slot.position,
    count: rule.count,
    template: template.value,
    heading: rule.heading,
  };
}
