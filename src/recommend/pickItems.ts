/**
 * Chooses the items of one block: candidates from the rule's strategies in
 * order, filtered, spread over categories, and lightly shuffled so the block
 * reads as a coincidence rather than a computation. Pure.
 *
 * Filters: never the product on the page, never what the shopper viewed lately
 * (except for "usual"), never out of stock, never an avoided category, never a
 * sensitive item outside its own context.
 */
import type { Card } from "../catalog/Catalog";
import type { PageContext } from "../page/classifyPage";
import type { Profile } from "../profile/Profile";
import type { Strategy } from "../rules/RuleSet";
import { mulberry32 } from "./seededRandom";
import { type StrategyInput, candidatesFor } from "./strategies";

export interface PickRule {
  readonly strategies: readonly Strategy[];
  readonly count: number;
  readonly maxPerCategory: number;
  readonly categories: readonly string[] | undefined;
}

export interface PickInput extends StrategyInput {
  /** The page itself is sensitive: only items in its own context may appear. */
  readonly pageSensitive: boolean;
  readonly sensitive: ReadonlySet<string>;
  readonly minItems: number;
  /** Seeds the shuffle: the same seed gives the same block. */
  readonly seed: number;
}

/** Extra candidates beyond `count` that the shuffle may draw from. */
const POOL_SLACK = 0.5;

export function isSensitiveCard(card: Card, sensitive: ReadonlySet<string>): boolean {
  return card.sensitive || sensitive.has(card.category);
}

function excluded(page: PageContext, profile: Profile | undefined): Set<string> {
  const ids = new Set(profile?.recent ?? []);
  if (page.kind === "product") ids.add(page.productId);
  return ids;
}

/** The candidates a rule may show, in preference order, each item once. */
function qualifying(rule: PickRule, input: PickInput): Card[] {
  const strategies = input.pageSensitive ? rule.strategies.filter((s) => s === "contextual") : rule.strategies;
  const recent = excluded(input.page, input.profile);
  const avoided = new Set(input.profile?.avoided ?? []);
  const allowed = rule.categories && new Set(rule.categories);
  const seen = new Set<string>();
  const cards: Card[] = [];
  for (const strategy of strategies) {
    for (const { card } of candidatesFor(strategy, input)) {
      if (seen.has(card.id)) continue;
      seen.add(card.id);
      const stale =
        strategy === "usual" ? input.page.kind === "product" && card.id === input.page.productId : recent.has(card.id);
      const touchy = isSensitiveCard(card, input.sensitive) && !(input.pageSensitive && strategy === "contextual");
      if (stale || touchy || !card.inStock || avoided.has(card.category)) continue;
      if (allowed && !allowed.has(card.category)) continue;
      cards.push(card);
    }
  }
  return cards;
}

/** Takes up to `size` cards in order, at most `perCategory` of a category while others are left. */
function diverse(cards: readonly Card[], size: number, perCategory: number): Card[] {
  const taken: Card[] = [];
  const perCat = new Map<string, number>();
  for (const card of cards) {
    if (taken.length === size) break;
    if ((perCat.get(card.category) ?? 0) >= perCategory) continue;
    perCat.set(card.category, (perCat.get(card.category) ?? 0) + 1);
    taken.push(card);
  }
  // Only when other categories cannot fill the pool does one category exceed its share.
  for (const card of cards) {
    if (taken.length === size) break;
    if (!taken.includes(card)) taken.push(card);
  }
  return taken;
}

export function pickItems(rule: PickRule, input: PickInput): Card[] {
  const pool = diverse(qualifying(rule, input), Math.ceil(rule.count * (1 + POOL_SLACK)), rule.maxPerCategory);
  const random = mulberry32(input.seed);
  // Draw without replacement, earlier (better) candidates weighing more, and a
  // category past its share only when nothing else is left.
  const remaining = pool.map((card, rank) => ({ card, weight: 1 / (1 + rank * 0.5) }));
  const perCategory = new Map<string, number>();
  const picked: Card[] = [];
  while (picked.length < rule.count && remaining.length > 0) {
    const open = remaining.filter((entry) => (perCategory.get(entry.card.category) ?? 0) < rule.maxPerCategory);
    const choices = open.length > 0 ? open : remaining;
    const total = choices.reduce((sum, entry) => sum + entry.weight, 0);
    let target = random() * total;
    const chosen = choices.find((entry) => (target -= entry.weight) < 0) ?? choices[choices.length - 1];
    if (!chosen) break;
    remaining.splice(remaining.indexOf(chosen), 1);
    perCategory.set(chosen.card.category, (perCategory.get(chosen.card.category) ?? 0) + 1);
    picked.push(chosen.card);
  }
  return picked.length >= Math.max(2, input.minItems) ? picked : [];
}
