/**
 * Turns a ruleset document into what requests use: URL patterns and templates
 * compiled, personas parsed, selectors and copy checked, bad rules, personas
 * and templates set aside with every reason found, not just the first. Done
 * once per load, never per request. What needs the runtime (selectors,
 * templates) comes in as a Platform; the rules CLI runs this same code inside
 * workerd (tools/validate), so both judge a document alike.
 */
import * as v from "valibot";
import type { PagePatterns, PathMatcher } from "../decide/classifyPage";
import { type Condition, ConditionSchema, MAX_CONDITION_DEPTH, categoriesIn, conditionDepth } from "./Condition";
import type { CompileOutcome, CompiledRule, Platform, Problem } from "./CompiledRuleSet";
import { type RuleContext, checkFields, compileRule } from "./compileRule";
import { compilePathPattern } from "./compilePathPattern";
import { compileEdgeCache } from "./edgeCacheSettings";
import { type Rule, RuleSchema, RuleSetSchema, type Settings, type Template, describeIssue } from "./RuleSet";
import type { TemplateResult } from "./template";

export type * from "./CompiledRuleSet";

/** Past this many, a document's reasons are counted, not listed. */
const MAX_REASONS = 50;
/** Every template is compiled by HTMLRewriter when the ruleset loads: bounded, like the rules. */
const MAX_TEMPLATES = 200;

function capped(reasons: readonly string[]): string[] {
  if (reasons.length <= MAX_REASONS) return [...reasons];
  return [...reasons.slice(0, MAX_REASONS), `and ${reasons.length - MAX_REASONS} more problems`];
}

/** Every issue valibot found, each with its path under `prefix`. */
const described = (issues: readonly v.BaseIssue<unknown>[], prefix = "") =>
  capped(issues.map((issue) => describeIssue(issue, prefix)));

function compilePages(settings: Settings): PagePatterns | string[] {
  const wanted = { product: "id", category: "slug", conversion: undefined } as const;
  const problems: string[] = [];
  const compiled: Partial<Record<keyof PagePatterns, PathMatcher>> = {};
  for (const [name, group] of Object.entries(wanted) as [keyof PagePatterns, string | undefined][]) {
    const pattern = compilePathPattern(settings.pages[name]);
    if (typeof pattern === "string") problems.push(`settings.pages.${name}: ${pattern}`);
    else if (group && !pattern.names.has(group)) problems.push(`settings.pages.${name}: must capture :${group}`);
    else compiled[name] = pattern;
  }
  return problems.length > 0 ? problems : (compiled as PagePatterns);
}

export async function compileRuleSet(document: unknown, platform: Platform): Promise<CompileOutcome> {
  const parsed = v.safeParse(RuleSetSchema, document);
  if (!parsed.success) return { ok: false, reasons: described(parsed.issues) };
  const { settings, templates, personas, rules } = parsed.output;
  const pages = compilePages(settings);
  if (Array.isArray(pages)) return { ok: false, reasons: pages };
  const edgeCache = settings.edgeCache && compileEdgeCache(settings.edgeCache);
  if (Array.isArray(edgeCache)) return { ok: false, reasons: edgeCache };
  if (Object.keys(templates).length > MAX_TEMPLATES) {
    return { ok: false, reasons: [`templates: at most ${MAX_TEMPLATES}`] };
  }
  const sensitive = new Set(settings.sensitiveCategories);
  const skipped: Problem[] = [];
  const context = {
    settings,
    platform,
    sensitive,
    personas: compilePersonas(personas, sensitive, skipped),
    templates: await compileTemplates(templates, platform, skipped),
    seen: new Set<string>(),
    namespaces: new Map<string, { key: string; from: number; to: number }[]>(),
  };
  const compiled: CompiledRule[] = [];
  const switchedOff: CompiledRule[] = [];
  rules.forEach((raw, index) => {
    const outcome = compileEntry(raw, { ...context, path: `rules[${index}]` });
    if ("reasons" in outcome) skipped.push(outcome);
    else (outcome.enabled ? compiled : switchedOff).push(outcome.rule);
  });
  const caps = new Map(compiled.flatMap((rule) => (rule.cap ? [[rule.id, rule.cap] as const] : [])));
  return {
    ok: true,
    ruleset: { settings, pages, edgeCache, sensitive, caps, rules: compiled, switchedOff, skipped },
  };
}

/** One entry of `rules`: the rule as requests use it, or why it is set aside. */
function compileEntry(raw: unknown, context: RuleContext): { rule: CompiledRule; enabled: boolean } | Problem {
  const { path } = context;
  const rule = v.safeParse(RuleSchema, raw);
  if (!rule.success) {
    // Named in the log only when the id is a string: anything else may not even print.
    const id =
      typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string" ? raw.id : undefined;
    // Fields the schemas took are still judged, so that every problem shows at once.
    const flagged = new Set(rule.issues.map((issue) => v.getDotPath(issue)?.split(".")[0]));
    const reasons = described(rule.issues, path);
    if (typeof raw === "object" && raw !== null && !flagged.has(undefined)) {
      checkFields(raw as Rule, { ...context, skip: flagged }, reasons);
    }
    return { path, id, reasons };
  }
  const outcome = compileRule(rule.output, context);
  context.seen.add(rule.output.id);
  if (Array.isArray(outcome)) return { path, id: rule.output.id, reasons: outcome };
  return { rule: outcome, enabled: rule.output.enabled };
}

function compilePersonas(
  personas: Readonly<Record<string, unknown>>,
  sensitive: ReadonlySet<string>,
  skipped: Problem[],
): Map<string, Condition | string> {
  const compiled = new Map<string, Condition | string>();
  for (const [name, raw] of Object.entries(personas)) {
    const persona = compilePersona(raw, sensitive);
    compiled.set(name, persona);
    if (typeof persona === "string") {
      skipped.push({ path: `personas.${name}`, id: name, reasons: [`personas.${name}: ${persona}`] });
    }
  }
  return compiled;
}

/** Every template, compiled by the runtime's tokenizer (all at once); the refused ones set aside. */
async function compileTemplates(
  templates: Readonly<Record<string, Template>>,
  platform: Platform,
  skipped: Problem[],
): Promise<Map<string, TemplateResult>> {
  const compiled = new Map(
    await Promise.all(
      Object.entries(templates).map(
        async ([name, template]) => [name, await platform.compileTemplate(template)] as const,
      ),
    ),
  );
  for (const [name, template] of compiled) {
    if (!template.ok) {
      const reasons = template.problems.map((problem) => `templates.${name}.${problem}`);
      skipped.push({ path: `templates.${name}`, id: name, reasons });
    }
  }
  return compiled;
}

function compilePersona(raw: unknown, sensitive: ReadonlySet<string>): Condition | string {
  if (conditionDepth(raw) > MAX_CONDITION_DEPTH) return `nests all/any/not deeper than ${MAX_CONDITION_DEPTH}`;
  const parsed = v.safeParse(ConditionSchema, raw);
  if (!parsed.success) return describeIssue(parsed.issues[0] as v.BaseIssue<unknown>).replace(/^document: /, "");
  const touchy = categoriesIn(parsed.output).find((slug) => sensitive.has(slug));
  if (touchy) return `refers to the sensitive category "${touchy}", which never drives targeting`;
  return parsed.output;
}
