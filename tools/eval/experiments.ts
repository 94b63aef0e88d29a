/**
 * Variants of tact's engine, run on a validation split carved from training
 * (--validation) so that choosing among them never looks at the test set.
 * Each changes one thing tact does, through the importer's settings, the
 * product rule, or PickOptions, and its paired change in HR@4 against tact
 * as it ships says what that thing is worth.
 */
import type { PickOptions } from "../../src/core/decide/pickItems";
import type { CompiledRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { DEFAULT_TOP_K } from "../catalog/parseImportArgs";
import { sequentialRules } from "./baselines/sequentialRules";
import type { Session } from "./data/Session";
import type { Recommender } from "./Recommender";
import { type ShopCatalog, importShop, withRelated } from "./tact/shopCatalog";
import { tactRecommender } from "./tact/tactRecommender";

/** λ values tried for the co-occurrence cosine, beside the importer's default. */
const SHRINKAGES = [0, 5, 10, 50, 100];

export async function experiments(
  train: readonly Session[],
  categories: ReadonlyMap<string, string>,
  shop: ShopCatalog,
  ruleset: CompiledRuleSet,
): Promise<Recommender[]> {
  const tact = (name: string, catalog: ShopCatalog, options: PickOptions = {}) =>
    tactRecommender({ name, catalog, ruleset, options });
  const shrunk = await Promise.all(
    SHRINKAGES.map(async (shrinkage) =>
      tact(`shrinkage-${shrinkage}`, await importShop(train, categories, { relatedPerItem: DEFAULT_TOP_K, shrinkage })),
    ),
  );
  const sequential = sequentialRules(train);
  return [
    ...shrunk,
    // Directional related items: what shoppers viewed after the item, not beside it.
    tact(
      "related-sequential",
      withRelated(shop, (item) => sequential.rank(item), DEFAULT_TOP_K),
    ),
    // The rule's cap for every category, however focused the shopper.
    tact("fixed-category-cap", shop, { adaptiveCap: false }),
  ];
}
