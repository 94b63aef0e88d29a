/**
 * Turns a ruleset document into what requests use: URL patterns and templates
 * compiled, personas parsed, selectors and copy checked, bad rules and personas
 * set aside with a reason. Done once per load, never per request. The checks
 * that need the runtime (URL patterns, selectors) come in as a Platform, so the
 * same code validates a document in the Worker and in the rules CLI.
 */
import * as v from "valibot";
import type { PagePatterns, PathMatcher } from "../page/classifyPage";
import { type CompiledTemplate, compileTemplate, templateText } from "../rewrite/compileTemplate";
import { type Condition, ConditionSchema, MAX_CONDITION_DEPTH, categoriesIn, conditionDepth } from "./Condition";
import { describeFinding, findRevealingCopy } from "./copyGuard";
import type { CompiledExperiment } from "../experiments/assign";
import type { Experiment } from "./Experiment";
import {
  type Rule,
  RuleSchema,
  RuleSetSchema,
  type Settings,
  type SLOT_POSITIONS,
  type Strategy,
  describeIssue,
} from "./RuleSet";

export type SlotPosition = (typeof SLOT_POSITIONS)[number];

/** What a treatment variant changes in its rule. */
export interface VariantChange {
  readonly strategies: readonly Strategy[] | undefined;
  readonly count: number | undefined;
  readonly heading: Readonly<Record<string, string>> | undefined;
  readonly template: CompiledTemplate | undefined;
}

export interface CompiledRule {
  readonly id: string;
  readonly priority: number;
  readonly page: PathMatcher;
  readonly selector: string;
  readonly position: SlotPosition;
  /** Undefined: everyone. Otherwise the rule applies when any persona matches. */
  readonly personas: readonly Condition[] | undefined;
  readonly established: boolean;
  readonly strategies: readonly Strategy[];
  readonly categories: readonly string[] | undefined;
  readonly count: number;
  readonly maxPerCategory: number;
  readonly cap: { readonly impressions: number; readonly windowSeconds: number } | undefined;
  readonly template: CompiledTemplate;
  readonly heading: Readonly<Record<string, string>>;
  readonly experiment: CompiledExperiment<VariantChange> | undefined;
}

export interface Problem {
  readonly path: string;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface CompiledRuleSet {
  readonly settings: Settings;
  readonly pages: PagePatterns;
  readonly sensitive: ReadonlySet<string>;
  /** Frequency caps of the enabled rules, by rule id. */
  readonly caps: ReadonlyMap<string, { readonly impressions: number; readonly windowSeconds: number }>;
  /** Enabled, valid rules in document order. */
  readonly rules: readonly CompiledRule[];
  /** Rules and personas set aside, each with the reason. */
  readonly skipped: readonly Problem[];
}

export type CompileOutcome = { ok: true; ruleset: CompiledRuleSet } | { ok: false; reason: string };

/** Returns why a selector cannot be used, or undefined when it can. */
export type SelectorCheck = (selector: string) => string | undefined;

/** What compiling needs from the runtime it runs in. */
export interface Platform {
  readonly checkSelector: SelectorCheck;
  /** A matcher for a URL path pattern, or why the pattern is not valid. */
  readonly compilePattern: (pathname: string) => PathMatcher | string;
}

function compilePages(settings: Settings, platform: Platform): PagePatterns | string {
  const { product, category, conversion } = settings.pages;
  if (!product.includes(":id")) return "settings.pages.product: must capture the product id as :id";
  if (!category.includes(":slug")) return "settings.pages.category: must capture the category slug as :slug";
  const compiled = {
    product: platform.compilePattern(product),
    category: platform.compilePattern(category),
    conversion: platform.compilePattern(conversion),
  };
  for (const [name, pattern] of Object.entries(compiled)) {
    if (typeof pattern === "string") return `settings.pages.${name}: ${pattern}`;
  }
  return compiled as PagePatterns;
}

export function compileRuleSet(document: unknown, platform: Platform): CompileOutcome {
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
  const { settings, templates, personas, rules } = parsed.output;
  const pages = compilePages(settings, platform);
  if (typeof pages === "string") return { ok: false, reason: pages };
  const sensitive = new Set(settings.sensitiveCategories);
  const skipped: Problem[] = [];

  const compiledPersonas = new Map<string, Condition | string>();
  for (const [name, raw] of Object.entries(personas)) {
    const persona = compilePersona(raw, sensitive);
    compiledPersonas.set(name, persona);
    if (typeof persona === "string")
      skipped.push({ path: `personas.${name}`, id: name, reason: `personas.${name}: ${persona}` });
  }
  const compiledTemplates = new Map(Object.entries(templates).map(([name, t]) => [name, compileTemplate(t)] as const));

  const compiled: CompiledRule[] = [];
  const seen = new Set<string>();
  const namespaces = new Map<string, { key: string; from: number; to: number }[]>();
  rules.forEach((raw, index) => {
    const path = `rules[${index}]`;
    const rule = v.safeParse(RuleSchema, raw);
    if (!rule.success) {
      // Named in the log only when the id is a string: anything else may not even print.
      const id =
        typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string" ? raw.id : undefined;
      skipped.push({ path, id, reason: describeIssue(rule.issues[0] as v.BaseIssue<unknown>, path) });
      return;
    }
    const context = {
      path,
      settings,
      platform,
      sensitive,
      templates: compiledTemplates,
      personas: compiledPersonas,
      seen,
      namespaces,
    };
    const outcome = compileRule(rule.output, context);
    seen.add(rule.output.id);
    if (typeof outcome === "string") skipped.push({ path, id: rule.output.id, reason: outcome });
    else if (rule.output.enabled) compiled.push(outcome);
  });
  const caps = new Map(compiled.flatMap((rule) => (rule.cap ? [[rule.id, rule.cap] as const] : [])));
  return { ok: true, ruleset: { settings, pages, sensitive, caps, rules: compiled, skipped } };
}

function compilePersona(raw: unknown, sensitive: ReadonlySet<string>): Condition | string {
  if (conditionDepth(raw) > MAX_CONDITION_DEPTH) return `nests all/any/not deeper than ${MAX_CONDITION_DEPTH}`;
  const parsed = v.safeParse(ConditionSchema, raw);
  if (!parsed.success) return describeIssue(parsed.issues[0] as v.BaseIssue<unknown>).replace(/^document: /, "");
  const touchy = categoriesIn(parsed.output).find((slug) => sensitive.has(slug));
  if (touchy) return `refers to the sensitive category "${touchy}", which never drives targeting`;
  return parsed.output;
}

interface RuleContext {
  readonly path: string;
  readonly settings: Settings;
  readonly platform: Platform;
  readonly sensitive: ReadonlySet<string>;
  readonly templates: ReadonlyMap<string, ReturnType<typeof compileTemplate>>;
  readonly personas: ReadonlyMap<string, Condition | string>;
  readonly seen: ReadonlySet<string>;
  /** Namespace slices taken so far by earlier experiments. */
  readonly namespaces: Map<string, { key: string; from: number; to: number }[]>;
}

function compileRule(rule: Rule, context: RuleContext): CompiledRule | string {
  const { path } = context;
  if (context.seen.has(rule.id)) return `${path}.id: "${rule.id}" is used by an earlier rule`;
  const page = context.platform.compilePattern(rule.page);
  if (typeof page === "string") return `${path}.page: ${page}`;
  const selectorProblem = context.platform.checkSelector(rule.slot.selector);
  if (selectorProblem) return `${path}.slot.selector: ${selectorProblem}`;

  if (rule.count < context.settings.minItems) {
    return `${path}.count: ${rule.count} is below settings.minItems (${context.settings.minItems}), so the rule could never show`;
  }
  const established = rule.audience === "established";
  if (rule.strategies.includes("usual") && !established) {
    return `${path}.strategies: "usual" shows what a shopper keeps coming back to; only a rule with audience "established" may use it`;
  }
  if (rule.allowPersonalCopy && !established) {
    return `${path}.allowPersonalCopy: only a rule with audience "established" may use personal copy`;
  }
  const touchy = rule.categories?.find((slug) => context.sensitive.has(slug));
  if (touchy) return `${path}.categories: "${touchy}" is a sensitive category and never drives targeting`;

  const personas: Condition[] = [];
  for (const name of rule.personas ?? []) {
    const persona = context.personas.get(name);
    if (persona === undefined) return `${path}.personas: no persona named "${name}"`;
    if (typeof persona === "string") return `${path}.personas: persona "${name}" is invalid (${persona})`;
    personas.push(persona);
  }

  const template = context.templates.get(rule.template);
  if (!template) return `${path}.template: no template named "${rule.template}"`;
  if (!template.ok) return `${path}.template: template "${rule.template}" ${template.reason}`;
  for (const [language, text] of Object.entries(rule.heading)) {
    const finding = findRevealingCopy(text, rule.allowPersonalCopy);
    if (finding) return `${path}.heading.${language}: ${describeFinding(finding)}`;
  }
  const finding = findRevealingCopy(templateText(template.value), rule.allowPersonalCopy);
  if (finding) return `${path}.template: template "${rule.template}": ${describeFinding(finding)}`;

  const experiment = rule.experiment && compileExperiment(rule.experiment, rule, context);
  if (typeof experiment === "string") return experiment;
  if (experiment?.namespace) {
    const { name, from, to } = experiment.namespace;
    const taken = context.namespaces.get(name) ?? [];
    const clash = taken.find((slice) => from < slice.to && slice.from < to);
    if (clash) {
      return `${path}.experiment.namespace: range [${from}, ${to}] of "${name}" overlaps experiment "${clash.key}"`;
    }
    context.namespaces.set(name, [...taken, { key: experiment.key, from, to }]);
  }

  return {
    id: rule.id,
    priority: rule.priority,
    page,
    selector: rule.slot.selector,
    position: rule.slot.position,
    personas: rule.personas === undefined || rule.personas.length === 0 ? undefined : personas,
    established,
    strategies: rule.strategies,
    categories: rule.categories,
    count: rule.count,
    maxPerCategory: rule.maxPerCategory ?? context.settings.maxPerCategory,
    cap: rule.cap && { impressions: rule.cap.impressions, windowSeconds: Math.round(rule.cap.perHours * 3600) },
    template: template.value,
    heading: rule.heading,
    experiment,
  };
}

function compileExperiment(
  experiment: Experiment,
  rule: Rule,
  context: RuleContext,
): CompiledExperiment<VariantChange> | string {
  const path = `${context.path}.experiment`;
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const variants = [];
  for (const [index, variant] of experiment.variants.entries()) {
    const where = `${path}.variants[${index}]`;
    const changes = variant.strategies ?? variant.count ?? variant.heading ?? variant.template;
    if (variant.control && changes !== undefined)
      return `${where}: a control changes nothing; remove its strategies, count, heading or template`;
    if (variant.strategies?.includes("usual") && rule.audience !== "established") {
      return `${where}.strategies: "usual" needs the rule's audience to be "established"`;
    }
    if (variant.count !== undefined && variant.count < context.settings.minItems) {
      return `${where}.count: ${variant.count} is below settings.minItems (${context.settings.minItems})`;
    }
    for (const [language, text] of Object.entries(variant.heading ?? {})) {
      const finding = findRevealingCopy(text, rule.allowPersonalCopy);
      if (finding) return `${where}.heading.${language}: ${describeFinding(finding)}`;
    }
    let template: CompiledTemplate | undefined;
    if (variant.template !== undefined) {
      const compiled = context.templates.get(variant.template);
      if (!compiled) return `${where}.template: no template named "${variant.template}"`;
      if (!compiled.ok) return `${where}.template: template "${variant.template}" ${compiled.reason}`;
      const finding = findRevealingCopy(templateText(compiled.value), rule.allowPersonalCopy);
      if (finding) return `${where}.template: ${describeFinding(finding)}`;
      template = compiled.value;
    }
    variants.push({
      id: variant.id,
      share: variant.weight / total,
      control: variant.control,
      change: variant.control
        ? undefined
        : { strategies: variant.strategies, count: variant.count, heading: variant.heading, template },
    });
  }
  const { namespace } = experiment;
  return {
    key: experiment.key,
    traffic: experiment.traffic / 100,
    variants,
    namespace: namespace && { name: namespace.name, from: namespace.range[0], to: namespace.range[1] },
  };
}
