/**
 * A classic algorithm made tactful: its ranking becomes each product's
 * related items in the shop's catalog, and tact's own picking shows them on
 * the product page, the one strategy the rule uses: seen items hidden (the
 * block refilled from the ranking), the coincidence shuffle, at least two
 * items or none. No category cap: that is a constraint of tact's design,
 * measured on tact itself.
 */
import { MAX_RECENT_ITEMS } from "../../../src/core/profile/Profile";
import type { Ranker } from "../baselines/Ranker";
import { CUTOFFS } from "../metrics/Tally";
import type { Recommender } from "../Recommender";
import { withProductRule } from "./demoRuleSet";
import { type ShopCatalog, withRelated } from "./shopCatalog";
import { tactRecommender } from "./tactRecommender";
import type { CompiledRuleSet } from "../../../src/core/ruleset/compileRuleSet";

/**
 * Related items kept per product: enough for a list of 20 once the page's
 * own product and the recent views the profile keeps are left out.
 */
export const RANKED_PER_ITEM = CUTOFFS.mrr20 + 1 + MAX_RECENT_ITEMS;

export function tactful(ranker: Ranker, shop: ShopCatalog, ruleset: CompiledRuleSet): Recommender {
  return tactRecommender({
    name: `${ranker.name}-tactful`,
    catalog: withRelatedFrom(ranker, shop),
    ruleset: withProductRule(ruleset, { strategies: ["contextual"] }),
    options: { categoryCap: false },
  });
}

function withRelatedFrom(ranker: Ranker, shop: ShopCatalog): ShopCatalog {
  return withRelated(shop, (item) => ranker.rank(item), RANKED_PER_ITEM);
}
