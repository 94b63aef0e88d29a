/**
 * Chooses the items of one block: candidates from the rule's strategies in
 * order, filtered, spread over categories, and lightly shuffled so the block
 * reads as a coincidence rather than a computation. Pure.
 *
 * Filters: never the product on the page, never what the shopper viewed lately
 * (except for "usual"), never what a category page already lists, never out of
 * stock, never an avoided category, never a sensitive item outside its own
 * context, never a best-seller unrelated to the product on the page (see
 * offTopic): a block with nothing related to show shows nothing.
 *
 * PickOptions switch the tactful constraints off one at a time, so an
 * evaluation can measure what each one costs; the Worker never passes any.
 */
import { type Card, itemKey } from "../catalog/Catalog";
import type { PageContext } from "./classifyPage";
import type { Profile } from "../profile/Profile";
import type { Strategy } from "../ruleset/RuleSet";
import { type CategoryCap, categoryCaps } from "./categoryCaps";
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

/** Each switch defaults to what the Worker does. */
export interface PickOptions {
  /** Leave out the page's own product and what the shopper viewed lately (default true). */
  readonly hideSeen?: boolean;
  /** Hold a category to its share of the block while others qualify (default true). */
  readonly categoryCap?: boolean;
  /** A category the shopper is focused on may take more of the block (default true); off: rule.maxPerCategory for all. */
  readonly adaptiveCap?: boolean;
  /** Of the best count + 1, drop one and shuffle the rest (default true); off: the best count, best first. */
  readonly shuffle?: boolean;
  /** The fewest items a block shows, or it shows nothing (default: input.minItems, never below 2). */
  readonly minItems?: number;
  /** On a product page, let the shop's popular items of any category fill the block (default false). */
  readonly popularAnywhere?: boolean;
}

export function isSensitiveCard(card: Card, sensitive: ReadonlySet<string>): boolean {
  return card.sensitive || sensitive.has(card.category);
}

function excluded(page: PageContext, profile: Profile | undefined, hideSeen: boolean): Set<string> {
  if (!hideSeen) return new Set();
  const ids = new Set(profile?.recent ?? []);
  if (page.kind === "product") ids.add(page.productId);
  return ids;
}

/**
 * On a product page the block is read against the product: "goes well with"
 * beside basil seeds cannot be a moka pot because moka pots sell well. The
 * shop's popular items qualify there only in the page's own category or one
 * the shopper has browsed (their affinities); what the other strategies
 * offer is related already. Elsewhere (home, category, order pages) popular
 * items are what a block is for.
 */
function offTopic(input: PickInput): (card: Card) => boolean {
  if (input.page.kind !== "product") return () => false;
  const { productId } = input.page;
  let onTopic: Set<string> | undefined;
  return (card) => {
    // Worked out on the first popular card: a block filled before "popular" reads nothing more.
    if (!onTopic) {
      onTopic = new Set(Object.keys(input.affinities).filter((slug) => (input.affinities[slug] ?? 0) > 0));
      const own = input.catalog.item(itemKey(productId))?.item.category;
      if (own !== undefined) onTopic.add(own);
    }
    return !onTopic.has(card.category);
  };
}

/**
 * The candidates a rule may show, in preference order, each item once. A
 * strategy's candidates are worked out only when the ones before it did not
 * fill the block.
 */
function* qualifying(
  rule: PickRule,
  input: PickInput,
  options: PickOptions,
  sources?: Map<string, Strategy>,
): Generator<Card, void, undefined> {
  const { hideSeen = true } = options;
  const strategies = input.pageSensitive ? rule.strategies.filter((s) => s === "contextual") : rule.strategies;
  const recent = excluded(input.page, input.profile, hideSeen);
  const unrelated = options.popularAnywhere ? () => false : offTopic(input);
  const avoided = new Set(input.profile?.avoided ?? []);
  const allowed = rule.categories && new Set(rule.categories);
  const seen = new Set<string>();
  for (const strategy of strategies) {
    for (const { card } of candidatesFor(strategy, input)) {
      if (seen.has(card.id)) continue;
      const stale =
        (strategy === "usual"
          ? hideSeen && input.page.kind === "product" && card.id === input.page.productId
          : recent.has(card.id)) ||
        // A category page already lists its own items.
        (input.page.kind === "category" && card.category === input.page.slug && strategy !== "contextual");
      const touchy = isSensitiveCard(card, input.sensitive) && !(input.pageSensitive && strategy === "contextual");
      if (stale || touchy || !card.inStock || avoided.has(card.category)) continue;
      if (strategy === "popular" && unrelated(card)) continue;
      if (allowed && !allowed.has(card.category)) continue;
      // Seen only once taken: a later strategy may take what an earlier one may not ("usual" shows recent views).
      seen.add(card.id);
      sources?.set(card.id, strategy);
      yield card;
    }
  }
}

/**
 * Takes up to `size` cards in order, at most `capOf(category)` of a category
 * while others are left (`size` is at least 1). Reads no further than it must.
 */
function diverse(cards: Iterable<Card>, size: number, capOf: CategoryCap): Card[] {
  const taken: Card[] = [];
  const overShare: Card[] = [];
  const perCat = new Map<string, number>();
  for (const card of cards) {
    const count = perCat.get(card.category) ?? 0;
    if (count >= capOf(card.category)) {
      overShare.push(card);
      continue;
    }
    perCat.set(card.category, count + 1);
    taken.push(card);
    if (taken.length === size) return taken;
  }
  // Only when other categories cannot fill the pool does one category exceed its share.
  return [...taken, ...overShare.slice(0, size - taken.length)];
}

/**
 * The best `count + 1` candidates lose one, most often the weakest, and the
 * rest come in a shuffled order: small enough to keep the block good, enough
 * that it does not look computed.
 */
export function pickItems(rule: PickRule, input: PickInput, options: PickOptions = {}): Card[] {
  const { categoryCap = true, adaptiveCap = true, shuffle = true } = options;
  const capOf: CategoryCap = !categoryCap
    ? () => Number.POSITIVE_INFINITY
    : adaptiveCap
      ? categoryCaps(rule.maxPerCategory, rule.count, input.affinities)
      : () => rule.maxPerCategory;
  const pool = diverse(qualifying(rule, input, options), rule.count + (shuffle ? 1 : 0), capOf);
  if (shuffle) shuffleInPlace(pool, rule.count, capOf, mulberry32(input.seed));
  return pool.length >= (options.minItems ?? Math.max(2, input.minItems)) ? pool : [];
}

/** Drops one card when the pool is over `count`, most often the weakest, and shuffles the rest. */
function shuffleInPlace(pool: Card[], count: number, capOf: CategoryCap, random: () => number): void {
  if (pool.length > count) {
    // A card past its category's share only fills the pool (diverse puts it last): it goes first.
    const share = new Map<string, number>();
    for (const card of pool) share.set(card.category, (share.get(card.category) ?? 0) + 1);
    const overShare = [...share].some(([category, n]) => n > capOf(category));
    const weights = pool.map((_, rank) => (rank + 1) ** 2);
    let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
    const drop = overShare ? -1 : weights.findIndex((weight) => (target -= weight) < 0);
    pool.splice(drop < 0 ? pool.length - 1 : drop, 1);
  }
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as Card, pool[i] as Card];
  }
}

/**
 * Which of the rule's strategies supplied each of `items` (picked with the
 * same rule and input), for a preview's explanation; never asked on a
 * shopper's page. Reads no further than the last of them.
 */
export function itemSources(
  rule: PickRule,
  input: PickInput,
  items: readonly Card[],
  options: PickOptions = {},
): Map<string, Strategy> {
  const sources = new Map<string, Strategy>();
  const wanted = new Set(items.map((card) => card.id));
  for (const card of qualifying(rule, input, options, sources)) {
    wanted.delete(card.id);
    if (wanted.size === 0) break;
  }
  return sources;
}
