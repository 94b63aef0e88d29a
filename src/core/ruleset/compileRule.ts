/**
 * One rule of the document as requests use it, or every reason it cannot be
 * used: its page pattern, selector, template and copy judged, its personas
 * found, its experiment compiled and its namespace slice taken.
 */
import type { PathMatcher } from "../decide/classifyPage";
import { type Condition, requiresBirthday, usesBirthday } from "./Condition";
import type { CompiledExperiment } from "../decide/assign";
import type { CompiledRule, Platform, VariantChange } from "./CompiledRuleSet";
import { compileExperiment } from "./compileExperiment";
import { compilePathPattern } from "./compilePathPattern";
import { describeFinding, findRevealingCopy } from "./copyGuard";
import type { Rule, Settings } from "./RuleSet";
import { type CompiledTemplate, type TemplateResult, templateText } from "./template";

export interface RuleContext {
  readonly path: string;
  readonly settings: Settings;
  readonly platform: Platform;
  readonly sensitive: ReadonlySet<string>;
  readonly templates: ReadonlyMap<string, TemplateResult>;
  readonly personas: ReadonlyMap<string, Condition | string>;
  /** Ids of the rules compiled so far (each is added as it is compiled). */
  readonly seen: Set<string>;
  /** Namespace slices taken so far by earlier experiments. */
  readonly namespaces: Map<string, { key: string; from: number; to: number }[]>;
}

/** The copy a rule may use beyond the plain kind: personal ("il solito"), birthday wishes. */
export interface CopyAllowance {
  readonly personal: boolean;
  readonly birthday: boolean;
}

/**
 * Birthday wishes only where they can reach no one else: an established
 * audience, personal copy asked for, and every persona requiring the window.
 */
export function copyAllowance(rule: Pick<Rule, "allowPersonalCopy" | "audience">, personas: readonly Condition[]) {
  const personal = rule.allowPersonalCopy === true;
  const birthday =
    personal && rule.audience === "established" && personas.length > 0 && personas.every(requiresBirthday);
  return { personal, birthday };
}

/** A template by name, or why a rule cannot use it; its copy checked for the rule. */
export function usableTemplate(
  name: string,
  where: string,
  copy: CopyAllowance,
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
  const finding = findRevealingCopy(templateText(template.value), copy.personal, copy.birthday);
  if (finding) problems.push(`${where}: template "${name}": ${describeFinding(finding)}`);
  return template.value;
}

export function checkHeadings(
  heading: Readonly<Record<string, string>>,
  where: string,
  copy: CopyAllowance,
  problems: string[],
): void {
  for (const [language, text] of Object.entries(heading)) {
    const finding = findRevealingCopy(text, copy.personal, copy.birthday);
    if (finding) problems.push(`${where}.${language}: ${describeFinding(finding)}`);
  }
}

/**
 * The checks of the fields the runtime judges: page pattern, selector,
 * template and copy. Fields in `skip` (refused by the schemas already) are
 * left out; without the rule's personas, birthday copy is refused.
 */
export function checkFields(
  rule: Pick<Rule, "page" | "slot" | "template" | "heading" | "allowPersonalCopy" | "audience">,
  context: RuleContext & { readonly skip?: ReadonlySet<string | undefined> },
  problems: string[],
  personas: readonly Condition[] = [],
): { page: PathMatcher | undefined; template: CompiledTemplate | undefined } {
  const { path, skip } = context;
  const copy = copyAllowance(rule, personas);
  const page = skip?.has("page") ? undefined : compilePathPattern(rule.page);
  if (typeof page === "string") problems.push(`${path}.page: ${page}`);
  const selectorProblem = skip?.has("slot") ? undefined : context.platform.checkSelector(rule.slot.selector.trim());
  if (selectorProblem) problems.push(`${path}.slot.selector: ${selectorProblem}`);
  const template = skip?.has("template")
    ? undefined
    : usableTemplate(rule.template, `${path}.template`, copy, context, problems);
  if (!skip?.has("heading")) checkHeadings(rule.heading, `${path}.heading`, copy, problems);
  return { page: typeof page === "string" ? undefined : page, template };
}

/** The rule as requests use it, or every reason it cannot be used. */
export function compileRule(rule: Rule, context: RuleContext): CompiledRule | string[] {
  const { path, settings } = context;
  const problems: string[] = [];
  if (context.seen.has(rule.id)) problems.push(`${path}.id: "${rule.id}" is used by an earlier rule`);
  const personas = personasOf(rule, context, problems);
  const { page, template } = checkFields(rule, context, problems, personas);

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
  const birthday = rule.personas?.find((name) => {
    const persona = context.personas.get(name);
    return typeof persona === "object" && usesBirthday(persona);
  });
  if (birthday !== undefined && !established) {
    problems.push(
      `${path}.personas: persona "${birthday}" uses the birthday the shopper gave; only a rule with audience "established" may use it`,
    );
  }
  const touchy = rule.categories?.find((slug) => context.sensitive.has(slug));
  if (touchy) problems.push(`${path}.categories: "${touchy}" is a sensitive category and never drives targeting`);

  const experiment =
    rule.experiment && compileExperiment(rule.experiment, rule, context, problems, copyAllowance(rule, personas));
  if (experiment) takeNamespace(experiment, context, problems);
  if (problems.length > 0 || !page || !template) return problems;

  return {
    id: rule.id,
    priority: rule.priority,
    page,
    selector: rule.slot.selector,
    position: rule.slot.position,
    personas: rule.personas === undefined || rule.personas.length === 0 ? undefined : personas,
    personaNames: rule.personas === undefined || rule.personas.length === 0 ? undefined : rule.personas,
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

/** The rule's personas, each by name; a missing or invalid one is a problem. */
function personasOf(rule: Rule, context: RuleContext, problems: string[]): Condition[] {
  const personas: Condition[] = [];
  for (const name of rule.personas ?? []) {
    const persona = context.personas.get(name);
    if (persona === undefined) problems.push(`${context.path}.personas: no persona named "${name}"`);
    else if (typeof persona === "string") {
      problems.push(`${context.path}.personas: persona "${name}" is invalid (${persona})`);
    } else personas.push(persona);
  }
  return personas;
}

/** The experiment's slice of its namespace, unless an earlier experiment has part of it. */
function takeNamespace(experiment: CompiledExperiment<VariantChange>, context: RuleContext, problems: string[]): void {
  if (!experiment.namespace) return;
  const { name, from, to } = experiment.namespace;
  const taken = context.namespaces.get(name) ?? [];
  const clash = taken.find((slice) => from < slice.to && slice.from < to);
  if (clash) {
    problems.push(
      `${context.path}.experiment.namespace: range [${from}, ${to}] of "${name}" overlaps experiment "${clash.key}"`,
    );
  } else if (problems.length === 0) {
    // Only a rule that runs takes its slice.
    context.namespaces.set(name, [...taken, { key: experiment.key, from, to }]);
  }
}
