/**
 * The ruleset document kept in KV under RULESET_KEY, as valibot schemas. The
 * same schemas check a document in the Worker (a bad rule is skipped, a bad
 * document leaves pages untouched) and before publishing.
 *
 * Rules are checked one by one (`rules` is `unknown[]` here) so that a single
 * broken rule cannot take the others down with it.
 */
import * as v from "valibot";

export const RULESET_KEY = "ruleset";

export const SLOT_POSITIONS = ["append", "prepend", "before", "after"] as const;

export const LanguageSchema = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be a language code such as "it"'));

const PathPatternSchema = v.pipe(
  v.string(),
  v.startsWith("/", 'must be a path pattern starting with "/"'),
  v.maxLength(200),
);

const IdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lowercase letters, digits, - or _ (at most 64)"),
);

export const SettingsSchema = v.object({
  /** How page URLs map to products, categories and the order-complete page. */
  pages: v.optional(
    v.object({
      product: v.optional(PathPatternSchema, "/products/:id"),
      category: v.optional(PathPatternSchema, "/category/:slug"),
      conversion: v.optional(PathPatternSchema, "/checkout/complete"),
    }),
    {},
  ),
  /** Languages copy is written in; the first is the fallback. */
  languages: v.optional(v.pipe(v.array(LanguageSchema), v.minLength(1), v.maxLength(10)), ["en"]),
  /** How long a slot may wait for its items before it is left untouched. */
  slotDeadlineMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000)), 150),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const TemplateSchema = v.object({
  /** The block: one root element holding {{heading}} and {{items}}. */
  block: v.pipe(v.string(), v.minLength(1), v.maxLength(4000)),
  /** One item: one root element; {{id}} {{title}} {{url}} {{image}} {{price}} {{category}}. */
  item: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
});
export type Template = v.InferOutput<typeof TemplateSchema>;

export const RuleSchema = v.object({
  id: IdSchema,
  enabled: v.optional(v.boolean(), true),
  /** The pages this rule applies to, as a URL path pattern ("/products/:id", "/"). */
  page: PathPatternSchema,
  slot: v.object({
    /** A CSS selector HTMLRewriter supports. The first matching element is used. */
    selector: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300)),
    position: v.picklist(SLOT_POSITIONS, `must be one of ${SLOT_POSITIONS.join(", ")}`),
  }),
  /** How many items to show; a block never shows fewer than 2. */
  count: v.pipe(v.number(), v.integer(), v.minValue(2, "must be at least 2"), v.maxValue(12)),
  /** The name of a template in the document's `templates`. */
  template: IdSchema,
  /** The block's heading, per language. */
  heading: v.pipe(
    v.record(LanguageSchema, v.pipe(v.string(), v.maxLength(160))),
    v.check((copy) => Object.keys(copy).length > 0, "needs copy in at least one language"),
  ),
});
export type Rule = v.InferOutput<typeof RuleSchema>;

export const RuleSetSchema = v.object({
  version: v.literal(1, "must be 1"),
  settings: v.optional(SettingsSchema, {}),
  templates: v.record(IdSchema, TemplateSchema),
  rules: v.pipe(v.array(v.unknown()), v.maxLength(200)),
});
export type RuleSetDocument = v.InferOutput<typeof RuleSetSchema>;

/** "rules[3].slot.selector: must be …" for a valibot issue. */
export function describeIssue(issue: v.BaseIssue<unknown>, prefix = ""): string {
  const path = v.getDotPath(issue);
  const where = [prefix, path]
    .filter(Boolean)
    .join(".")
    .replace(/\.(\d+)(?=\.|$)/g, "[$1]");
  return `${where || "document"}: ${issue.message}`;
}
