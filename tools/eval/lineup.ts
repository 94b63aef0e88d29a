/**
 * Who takes part in a run: tact as the Worker runs it, the classic baselines
 * plain and made tactful, and tact with each of its constraints switched off
 * in turn, so the run shows what each one costs.
 */
import type { CompiledRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { itemKnn } from "./baselines/itemKnn";
import { popular } from "./baselines/popular";
import { plain } from "./baselines/Ranker";
import { sequentialRules } from "./baselines/sequentialRules";
import type { Session } from "./data/Session";
import type { Recommender } from "./Recommender";
import type { ShopCatalog } from "./tact/shopCatalog";
import { tactful } from "./tact/tactful";
import { tactRecommender } from "./tact/tactRecommender";

export interface Lineup {
  readonly tact: Recommender;
  readonly baselines: readonly Recommender[];
  /** tact with one constraint off, named after the constraint. */
  readonly constraints: readonly Recommender[];
}

export function lineup(train: readonly Session[], shop: ShopCatalog, ruleset: CompiledRuleSet): Lineup {
  const classic = [popular(train), sequentialRules(train), itemKnn(train)];
  const tact = (name: string, options = {}) => tactRecommender({ name, catalog: shop, ruleset, options });
  return {
    tact: tact("tact"),
    baselines: [...classic.map(plain), ...classic.map((ranker) => tactful(ranker, shop, ruleset))],
    constraints: [
      tact("hide-seen-items", { hideSeen: false }),
      tact("category-cap", { categoryCap: false }),
      tact("shuffle", { shuffle: false }),
      tact("minimum-of-2", { minItems: 1 }),
      // Best-sellers of any category may fill a product page's block, as they did before it was read against the product.
      tact("on-topic-fallback", { popularAnywhere: true }),
    ],
  };
}
