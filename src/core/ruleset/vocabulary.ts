/**
 * The words rulesets are made of: ids, language codes, slot positions and
 * strategies. Shared by the ruleset and experiment schemas.
 */
import * as v from "valibot";

export const SLOT_POSITIONS = ["append", "prepend", "before", "after"] as const;

/**
 * Where a block's items come from, tried in the order a rule lists them:
 * - contextual: related to the page itself (the product's related items, the
 *   category's top items); needs no profile;
 * - related: related to what the shopper viewed lately, recent views weighing more;
 * - affinity: top items of the shopper's strongest categories;
 * - preferences: top items of the categories the shopper said they like;
 * - popular: the shop's popular items;
 * - usual: items an established customer keeps coming back to.
 */
export const STRATEGIES = ["contextual", "related", "affinity", "preferences", "popular", "usual"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const LanguageSchema = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be a language code such as "it"'));

export const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lowercase letters, digits, - or _ (at most 64)"),
);
