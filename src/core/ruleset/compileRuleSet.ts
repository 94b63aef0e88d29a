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
import { compilePathPattern } from "./compilePathPattern";
import { type CompiledTemplate, type TemplateResult, templateText } from "./template";
import { type Condition, ConditionSchema, MAX_CONDITION_DEPTH, categoriesIn, conditionDepth } from "./Condition";
import { describeFinding, findRevealingCopy } from "./copyGuard";
import type { CompiledExperiment } from "../decide/assign";
import type { Experiment } from "./Experiment";
import {
  type Rule,
  RuleSchema,
  RuleSetSchema,
  type Settings,
  type SLOT_POSITIONS,
  type Strategy,
  type Template,
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

/** A rule, persona or template set aside, with every reason ("path: reason") found. */
export interface Problem {
  readonly path: string;
  readonly id: string | undefined;
  readonly reasons: readonly string[];
}

export interface CompiledRuleSet {
  readonly settings: Settings;
  readonly pages: PagePatterns;
  readonly sensitive: ReadonlySet<string>;
  /** Frequency caps of the enabled rules, by rule id. */
  readonly caps: ReadonlyMap<string, { readonly impressions: number; readonly windowSeconds: number }>;
  /** Enabled, valid rules in document order. */
  readonly rules: readonly CompiledRule[];
  /** Rules, personas and templates set aside, each with every reason. */
  readonly skipped: readonly Problem[];
}

/** A document refused whole lists every reason ("path: reason"). */
export type CompileOutcome = { ok: true; ruleset: CompiledRuleSet } | { ok: false; reasons: readonly string[] };

/** Returns why a selector cannot be used, or undefined when it can. */
export type SelectorCheck = (selector: string) => string | undefined;

/** What compiling needs from the runtime it runs in: HTMLRewriter, for selectors and templates. */
export interface Platform {
  readonly checkSelector: SelectorCheck;
  readonly compileTemplate: (template: Template) => Promise<TemplateResult>;
}

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
  if (Object.keys(templates).length > MAX_TEMPLATES) {
    return { ok: false, reasons: [`templates: at most ${MAX_TEMPLATES}`] };
  }
  const sensitive = new Set(settings.sensitiveCategories);
  const skipped: Problem[] = [];

  const compiledPersonas = new Map<string, Condition | string>();
  for (const [name, raw] of Object.entries(personas)) {
    const persona = compilePersona(raw, sensitive);
    compiledPersonas.set(name, persona);
    if (typeof persona === "string") {
      skipped.push({ path: `personas.${name}`, id: name, reasons: [`personas.${name}: ${persona}`] });
    }
  }
  const compiledTemplates = new Map(
    await Promise.all(
      Object.entries(templates).map(
        async ([name, template]) => [name, await platform.compileTemplate(template)] as const,
      ),
    ),
  );
  for (const [name, template] of compiledTemplates) {
    if (!template.ok) {
      const reasons = template.problems.map((problem) => `templates.${name}.${problem}`);
      skipped.push({ path: `templates.${name}`, id: name, reasons });
    }
  }

  const compiled: CompiledRule[] = [];
  const seen = new Set<string>();
  const namespaces = new Map<string, { key: string; from: number; to: number }[]>();
  const context = (path: string): RuleContext => ({
    path,
    settings,
    platform,
    sensitive,
    templates: compiledTemplates,
    personas: compiledPersonas,
    seen,
    namespaces,
  });
  rules.forEach((raw, index) => {
    const path = `rules[${index}]`;
    const rule = v.safeParse(RuleSchema, raw);
    if (!rule.success) {
      // Named in the log only when the id is a string: anything else may not even print.
      const id =
        typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string" ? raw.id : undefined;
      // Fields the schemas took are still judged, so that every problem shows at once.
      const flagged = new Set(rule.issues.map((issue) => v.getDotPath(issue)?.split(".")[0]));
      const reasons = described(rule.issues, path);
      if (typeof raw === "object" && raw !== null && !flagged.has(undefined)) {
        checkFields(raw as Rule, { ...context(path), skip: flagged }, reasons);
      }
      skipped.push({ path, id, reasons });
      return;
    }
    const outcome = compileRule(rule.output, context(path));
    seen.add(rule.output.id);
    if (Array.isArray(outcome)) skipped.push({ path, id: rule.output.id, reasons: outcome });
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
  readonly templates: ReadonlyMap<string, TemplateResult>;
  readonly personas: ReadonlyMap<string, Condition | string>;
  readonly seen: ReadonlySet<string>;
  /** Namespace slices taken so far by earlier experiments. */
  readonly namespaces: Map<string, { key: string; from: number; to: number }[]>;
}

/** A template by name, or why a rule cannot use it; its copy checked for the rule. */
function usableTemplate(
  name: string,
  where: string,
  allowPersonalCopy: boolean,
  context: RuleContext,
  problems: string[],
): CompiledTemplate | undefined {
  const template = context.templates.get(name);
  if (!template) {
    problems.push(`${where}: no template named "${name}"`);
    return undefined;
  }
  if (!template.ok) {
    problems.push(`${where}: template "${name}" is not valid (see templates.${name})`);
    return undefined;
  }
  const finding = findRevealingCopy(templateText(template.value), allowPersonalCopy);
  if (finding) problems.push(`${where}: template "${name}": ${describeFinding(finding)}`);
  return template.value;
}

function checkHeadings(
  heading: Readonly<Record<string, string>>,
  where: string,
  allowPersonalCopy: boolean,
  problems: string[],
): void {
  for (const [language, text] of Object.entries(heading)) {
    const finding = findRevealingCopy(text, allowPersonalCopy);
    if (finding) problems.push(`${where}.${language}: ${describeFinding(finding)}`);
  }
}

/**
 * The checks of the fields the runtime judges: page pattern, selector,
 * template and copy. Fields in `skip` (refused by the schemas already) are left out.
 */
function checkFields(
  rule: Pick<Rule, "page" | "slot" | "template" | "heading" | "allowPersonalCopy">,
  context: RuleContext & { readonly skip?: ReadonlySet<string | undefined> },
  problems: string[],
): { page: PathMatcher | undefined; template: CompiledTemplate | undefined } {
  const { path, skip } = context;
  const personal = rule.allowPersonalCopy === true;
  const page = skip?.has("page") ? undefined : compilePathPattern(rule.page);
  if (typeof page === "string") problems.push(`${path}.page: ${page}`);
  const selectorProblem = skip?.has("slot") ? undefined : context.platform.checkSelector(rule.slot.selector.trim());
  if (selectorProblem) problems.push(`${path}.slot.selector: ${selectorProblem}`);
  const template = skip?.has("template")
    ? undefined
    : usableTemplate(rule.template, `${path}.template`, personal, context, problems);
  if (!skip?.has("heading")) checkHeadings(rule.heading, `${path}.heading`, personal, problems);
  return { page: typeof page === "string" ? undefined : page, template };
}

/** The rule as requests use it, or every reason it cannot be used. */
function compileRule(rule: Rule, context: RuleContext): CompiledRule | string[] {
  const { path, settings } = context;
  const problems: string[] = [];
  if (context.seen.has(rule.id)) problems.push(`${path}.id: "${rule.id}" is used by an earlier rule`);
  const { page, template } = checkFields(rule, context, problems);

  if (rule.count < settings.minItems) {
    problems.push(
      `${path}.count: ${rule.count} is below settings.minItems (${settings.minItems}), so the rule could never show`,
    );
  }
  const established = rule.audience === "established";
  if (rule.strategies.includes("usual") && !established) {
    problems.push(
      `${path}.strategies: "usual" shows what a shopper keeps coming back to; only a rule with audience "established" may use it`,
    );
  }
  if (rule.allowPersonalCopy && !established) {
    problems.push(`${path}.allowPersonalCopy: only a rule with audience "established" may use personal copy`);
  }
  const touchy = rule.categories?.find((slug) => context.sensitive.has(slug));
  if (touchy) problems.push(`${path}.categories: "${touchy}" is a sensitive category and never drives targeting`);

  const personas: Condition[] = [];
  for (const name of rule.personas ?? []) {
    const persona = context.personas.get(name);
    if (persona === undefined) problems.push(`${path}.personas: no persona named "${name}"`);
    else if (typeof persona === "string") problems.push(`${path}.personas: persona "${name}" is invalid (${persona})`);
    else personas.push(persona);
  }

  const experiment = rule.experiment && compileExperiment(rule.experiment, rule, context, problems);
  if (experiment?.namespace) {
    const { name, from, to } = experiment.namespace;
    const taken = context.namespaces.get(name) ?? [];
    const clash = taken.find((slice) => from < slice.to && slice.from < to);
    if (clash) {
      problems.push(
        `${path}.experiment.namespace: range [${from}, ${to}] of "${name}" overlaps experiment "${clash.key}"`,
      );
    } else if (problems.length === 0) {
      // Only a rule that runs takes its slice.
      context.namespaces.set(name, [...taken, { key: experiment.key, from, to }]);
    }
  }
  if (problems.length > 0 || !page || !template) return problems;

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
    maxPerCategory: rule.maxPerCategory ?? settings.maxPerCategory,
    cap: rule.cap && { impressions: rule.cap.impressions, windowSeconds: Math.round(rule.cap.perHours * 3600) },
    template,
    heading: rule.heading,
    experiment,
  };
}

/** The experiment as assignment uses it; its problems go to `problems`. */
function compileExperiment(
  experiment: Experiment,
  rule: Rule,
  context: RuleContext,
  problems: string[],
): CompiledExperiment<VariantChange> {
  const path = `${context.path}.experiment`;
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const variants = experiment.variants.map((variant, index) => {
    const where = `${path}.variants[${index}]`;
    const changes = variant.strategies ?? variant.count ?? variant.heading ?? variant.template;
    if (variant.control && changes !== undefined) {
      problems.push(`${where}: a control changes nothing; remove its strategies, count, heading or template`);
    }
    if (variant.strategies?.includes("usual") && rule.audience !== "established") {
      problems.push(`${where}.strategies: "usual" needs the rule's audience to be "established"`);
    }
    if (variant.count !== undefined && variant.count < context.settings.minItems) {
      problems.push(`${where}.count: ${variant.count} is below settings.minItems (${context.settings.minItems})`);
    }
    checkHeadings(variant.heading ?? {}, `${where}.heading`, rule.allowPersonalCopy, problems);
    const template =
      variant.template === undefined
        ? undefined
        : usableTemplate(variant.template, `${where}.template`, rule.allowPersonalCopy, context, problems);
    return {
      id: variant.id,
      share: variant.weight / total,
      control: variant.control,
      change: variant.control
        ? undefined
        : { strategies: variant.strategies, count: variant.count, heading: variant.heading, template },
    };
  });
  const { namespace } = experiment;
  return {
    key: experiment.key,
    traffic: experiment.traffic / 100,
    variants,
    namespace: namespace && { name: namespace.name, from: namespace.range[0], to: namespace.range[1] },
  };
}
