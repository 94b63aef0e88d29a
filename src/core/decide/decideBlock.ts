/**
 * What fills one slot: the first of its rules (best first) that has enough
 * items for this shopper, in the variant of its experiment they are in, or
 * the control's measurement. Pure.
 */
import type { Card } from "../catalog/Catalog";
import type { CatalogView } from "../catalog/CatalogView";
import type { Profile } from "../profile/Profile";
import type { CompiledRule, CompiledRuleSet } from "../ruleset/compileRuleSet";
import { assignVariant } from "./assign";
import { DAY } from "./pageCandidates";
import { isSensitivePage } from "./pageFacts";
import type { PageView } from "./PageView";
import { type PickInput, type PickOptions, pickItems } from "./pickItems";
import { fnv1a } from "./seededRandom";

export interface Block {
  /** The rule as shown: a treatment's changes already applied. */
  readonly rule: CompiledRule;
  readonly items: readonly Card[];
  /** False for a control that shows nothing (or a holdout shopper): measured, not shown. */
  readonly shown: boolean;
  readonly experiment: { readonly key: string; readonly variant: string; readonly share: number } | undefined;
}

/** Who the block is for, as deciding it needs: the profile after this view's learning. */
export interface Shopper {
  readonly profile: Profile | undefined;
  /** Affinities as of now, this view's included. */
  readonly affinities: Readonly<Record<string, number>>;
  readonly holdout: boolean;
}

type Variant = NonNullable<CompiledRule["experiment"]>["variants"][number];

/** The rule as a variant changes it. */
function withChange(rule: CompiledRule, change: Variant["change"]): CompiledRule {
  if (!change) return rule;
  return {
    ...rule,
    strategies: change.strategies ?? rule.strategies,
    count: change.count ?? rule.count,
    heading: change.heading ?? rule.heading,
    template: change.template ?? rule.template,
  };
}

/** The shopper's variant of the rule's experiment, a previewed one first; none in the holdout. */
function variantOf(rule: CompiledRule, view: PageView, shopper: Shopper): Variant | undefined {
  // Holdout shoppers are in no experiment: they measure the program as a whole.
  if (!rule.experiment || shopper.holdout) return undefined;
  const forced = view.preview?.rule === rule.id ? view.preview.variant : undefined;
  if (forced !== undefined) return rule.experiment.variants.find((candidate) => candidate.id === forced);
  return shopper.profile && assignVariant(rule.experiment, shopper.profile.id, shopper.profile.firstSeen);
}

/**
 * The shuffle's seed: stable within a visit, different from one visit to
 * the next; without a profile, the same for everyone on this page today.
 */
function seedOf(rule: CompiledRule, view: PageView, profile: Profile | undefined): number {
  return fnv1a(
    profile
      ? `${profile.id}:${profile.visits}:${rule.id}`
      : `${view.url.pathname}:${Math.floor(view.now / DAY)}:${rule.id}`,
  );
}

/** What picking a rule's items reads; `pageSensitive` is worked out once per slot. */
export function pickInputFor(
  rule: CompiledRule,
  ruleset: CompiledRuleSet,
  view: PageView,
  shopper: Shopper,
  catalog: CatalogView,
  pageSensitive = isSensitivePage(view.page, catalog, ruleset.sensitive),
): PickInput {
  return {
    page: view.page,
    profile: shopper.profile,
    affinities: shopper.affinities,
    catalog,
    pageSensitive,
    sensitive: ruleset.sensitive,
    minItems: ruleset.settings.minItems,
    seed: seedOf(rule, view, shopper.profile),
  };
}

export function decideBlock(
  rules: readonly CompiledRule[],
  ruleset: CompiledRuleSet,
  view: PageView,
  shopper: Shopper,
  catalog: CatalogView,
  options: PickOptions = {},
): Block | undefined {
  const pageSensitive = isSensitivePage(view.page, catalog, ruleset.sensitive);
  for (const rule of rules) {
    const variant = variantOf(rule, view, shopper);
    const shownRule = withChange(rule, variant?.change);
    const items = pickItems(shownRule, pickInputFor(rule, ruleset, view, shopper, catalog, pageSensitive), options);
    if (items.length === 0) continue;
    return {
      rule: shownRule,
      items,
      shown: variant?.control !== "nothing" && !shopper.holdout,
      experiment: variant && rule.experiment && { key: rule.experiment.key, variant: variant.id, share: variant.share },
    };
  }
  return undefined;
}
