/**
 * The two kinds of id every part of tact passes around: a product's, as the
 * shop writes it, and a category's slug. One definition, for the catalog,
 * the ruleset and the profile alike.
 */
import * as v from "valibot";

export const ProductIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits or _.:-"),
);
export const CategorySlugSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lowercase letters, digits, - or _ (at most 64)"),
);
