/**
 * The mapping file: how a feed's categories become the ruleset's categories,
 * and which of those are sensitive.
 *
 *   {
 *     "categories": {
 *       "kitchen":  { "name": { "it": "Cucina", "en": "Kitchen" },
 *                     "match": ["Home & Garden > Kitchen & Dining", "Cucina"] },
 *       "pharmacy": { "name": { "it": "Farmacia", "en": "Pharmacy" },
 *                     "match": ["Health & Beauty > Health Care"], "sensitive": true }
 *     },
 *     "sensitiveCategories": ["health", "pharmacy", …],
 *     "unmapped": "derive",
 *     "language": "en"
 *   }
 *
 * - `match`: prefixes of a product's `product_type` or `google_product_category`
 *   path, compared segment by segment ("A > B" matches "A > B > C", not
 *   "A > Bc"), ignoring case and spacing; a numeric Google category id matches
 *   that id only. See compileCategoryMapping for which match wins.
 * - `sensitiveCategories`: slugs that are sensitive wherever they come from;
 *   keep it the same as the ruleset's `settings.sensitiveCategories`
 *   (the default is the same default list).
 * - `unmapped`: what happens to a product no prefix matches: `"derive"` a slug
 *   from its product type's (or Google category's) first segment, `"reject"`
 *   it, or `{ "category": "<slug>" }` put it there.
 * - `sensitiveGoogleBranches` (default true): Google taxonomy branches that
 *   are sensitive whatever else matches (see compileCategoryMapping).
 * - `language`: the language of names taken from the feed for derived categories.
 */
import * as v from "valibot";
import { CategorySlugSchema } from "../../src/core/catalog/ids";
import { DEFAULT_SENSITIVE_CATEGORIES, LanguageSchema } from "../../src/core/ruleset/RuleSet";

export const CategoryMappingSchema = v.pipe(
  v.strictObject(
    {
      categories: v.optional(
        v.record(
          CategorySlugSchema,
          v.strictObject(
            {
              name: v.optional(v.record(LanguageSchema, v.pipe(v.string(), v.nonEmpty(), v.maxLength(100))), {}),
              match: v.optional(v.array(v.pipe(v.string(), v.nonEmpty("a match must not be empty"))), []),
              sensitive: v.optional(v.boolean(), false),
            },
            "must be an object with name, match and sensitive only",
          ),
        ),
        {},
      ),
      sensitiveCategories: v.optional(v.array(CategorySlugSchema), DEFAULT_SENSITIVE_CATEGORIES),
      unmapped: v.optional(
        v.union(
          [v.literal("derive"), v.literal("reject"), v.strictObject({ category: CategorySlugSchema })],
          'must be "derive", "reject" or { "category": "<slug>" }',
        ),
        "derive",
      ),
      sensitiveGoogleBranches: v.optional(v.boolean(), true),
      language: v.optional(LanguageSchema, "en"),
    },
    "must be an object with categories, sensitiveCategories, unmapped, sensitiveGoogleBranches and language only",
  ),
  v.check(
    (mapping) => typeof mapping.unmapped === "string" || Object.hasOwn(mapping.categories, mapping.unmapped.category),
    "unmapped.category must be one of the mapping's categories",
  ),
);
export type CategoryMapping = v.InferOutput<typeof CategoryMappingSchema>;

/** The mapping used without --mapping: every category derived from the feed, default sensitive list. */
export const DEFAULT_CATEGORY_MAPPING: CategoryMapping = v.parse(CategoryMappingSchema, {});
