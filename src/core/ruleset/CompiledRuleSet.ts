/**
 * A ruleset as requests use it: URL patterns and templates compiled, personas
 * parsed, the rules that cannot run set aside with every reason. Made by
 * compileRuleSet once per load.
 */
import type { CompiledExperiment } from "../decide/assign";
import type { PagePatterns, PathMatcher } from "../decide/classifyPage";
import type { Condition } from "./Condition";
import type { CompiledEdgeCache } from "./edgeCacheSettings";
import type { SLOT_POSITIONS, Settings, Strategy, Template } from "./RuleSet";
import type { CompiledTemplate, TemplateResult } from "./template";

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
  /** The personas' names, in the same order (a preview's explanation names them). */
  readonly personaNames: readonly string[] | undefined;
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
  /** Which pages' shared HTML is kept in the edge cache; undefined: none. */
  readonly edgeCache: CompiledEdgeCache | undefined;
  readonly sensitive: ReadonlySet<string>;
  /** Frequency caps of the enabled rules, by rule id. */
  readonly caps: ReadonlyMap<string, { readonly impressions: number; readonly windowSeconds: number }>;
  /** Enabled, valid rules in document order. */
  readonly rules: readonly CompiledRule[];
  /** Valid rules switched off ("enabled": false): never shown, only named by a preview's explanation. */
  readonly switchedOff: readonly CompiledRule[];
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
