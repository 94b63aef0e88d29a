/**
 * The ruleset document kept in KV under RULESET_KEY, as valibot schemas. The
 * same schemas check a document in the Worker (a bad rule is skipped, a bad
 * document leaves pages untouched) and before publishing.
 *
 * Rules and personas are checked one by one (`unknown` here) so that a single
 * broken one cannot take the others down with it.
 */
import { EdgeCacheSettingsSchema } from "./edgeCacheSettings";
import * as v from "valibot";
import { CategorySlugSchema } from "../catalog/ids";
import { ExperimentSchema } from "./Experiment";
import { IdSchema, LanguageSchema, SLOT_POSITIONS, STRATEGIES } from "./vocabulary";

export { IdSchema, LanguageSchema, SLOT_POSITIONS, STRATEGIES, type Strategy } from "./vocabulary";

export const RULESET_KEY = "ruleset";

/** Special categories of personal data (GDPR art. 9), as shop categories are often named. */
export const DEFAULT_SENSITIVE_CATEGORIES = [
  "health",
  "pharmacy",
  "medicine",
  "medical",
  "religion",
  "philosophy",
  "politics",
  "trade-union",
  "ethnicity",
  "sexuality",
  "sexual-health",
  "adult",
  "genetics",
  "biometrics",
];

/** Checked further when compiled (compilePathPattern): matching must stay linear in the path. */
const PathPatternSchema = v.pipe(
  v.string(),
  v.startsWith("/", 'must be a path pattern starting with "/"'),
  v.maxLength(200),
);

const Integer = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

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
  slotDeadlineMs: v.optional(Integer(1, 2000), 150),
  /**
   * How long the page's headers may wait for the catalog, when it has not
   * arrived with the origin's answer, so the view can be learned and capped
   * rules counted. 0: never wait (late views then teach nothing).
   */
  learningWaitMs: v.optional(Integer(0, 200), 30),
  /** Categories never learned from and never used to target; shown only in their own context. */
  sensitiveCategories: v.optional(v.pipe(v.array(CategorySlugSchema), v.maxLength(100)), DEFAULT_SENSITIVE_CATEGORIES),
  /** Who counts as an established customer: enough visits over enough days, or an order. */
  established: v.optional(
    v.object({
      minVisits: v.optional(Integer(1, 10_000), 5),
      minDays: v.optional(Integer(0, 3650), 14),
      minOrders: v.optional(Integer(1, 10_000), 1),
    }),
    {},
  ),
  /** After this many days a category view counts half as much. */
  affinityHalfLifeDays: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(3650)), 30),
  /** No block shows fewer alternatives than this (never below 2). */
  minItems: v.optional(Integer(2, 12), 2),
  /** Most items of one category in a block, when other categories qualify. */
  maxPerCategory: v.optional(Integer(1, 12), 2),
  /** Shoppers kept out of all personalization, to measure the whole program. */
  holdout: v.optional(v.object({ key: IdSchema, percent: v.pipe(v.number(), v.minValue(0), v.maxValue(50)) })),
  /** Opt-in: the shop's shared HTML kept in the edge cache, personalized per request (edgeCacheSettings). */
  edgeCache: v.optional(EdgeCacheSettingsSchema),
  /** Consent, browser signals, and what shoppers without a profile see. */
  privacy: v.optional(
    v.object({
      consent: v.optional(
        v.object({
          /** "required": no profile cookie until the shop's consent cookie says yes. */
          mode: v.optional(
            v.picklist(["not-required", "required"], "must be not-required or required"),
            "not-required",
          ),
          /** The shop's consent cookie and the values that mean yes. */
          cookie: v.optional(
            v.pipe(v.string(), v.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, "must be a cookie name")),
            "cookie_consent",
          ),
          accept: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.minLength(1), v.maxLength(20)), [
            "yes",
            "true",
            "1",
            "all",
            "granted",
          ]),
        }),
        {},
      ),
      /** Also treat `DNT: 1` as an opt-out (`Sec-GPC: 1` always is). */
      honorDnt: v.optional(v.boolean(), false),
      /** What shoppers without a profile see: contextual items only, or nothing. */
      withoutProfile: v.optional(v.picklist(["contextual", "nothing"], "must be contextual or nothing"), "contextual"),
    }),
    {},
  ),
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
  /** Higher wins a slot when several rules match; ties go to the earlier rule. */
  priority: v.optional(Integer(-1000, 1000), 0),
  /** The pages this rule applies to, as a URL path pattern ("/products/:id", "/"). */
  page: PathPatternSchema,
  slot: v.object({
    /** A CSS selector HTMLRewriter supports. The first matching element is used. */
    selector: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300)),
    position: v.picklist(SLOT_POSITIONS, `must be one of ${SLOT_POSITIONS.join(", ")}`),
  }),
  /** Shown to shoppers matching any of these personas; everyone when absent. */
  personas: v.optional(v.pipe(v.array(IdSchema), v.maxLength(20))),
  /** "established" shows the rule only to established customers. */
  audience: v.optional(v.picklist(["everyone", "established"], "must be everyone or established"), "everyone"),
  /** Where items come from, in order, until the block is full. */
  strategies: v.optional(
    v.pipe(
      v.array(v.picklist(STRATEGIES, `must be one of ${STRATEGIES.join(", ")}`)),
      v.minLength(1),
      v.maxLength(STRATEGIES.length),
    ),
    ["contextual", "related", "affinity", "popular"],
  ),
  /** Only items of these categories. */
  categories: v.optional(v.pipe(v.array(CategorySlugSchema), v.minLength(1), v.maxLength(50))),
  /** How many items to show; a block never shows fewer than 2. */
  count: v.pipe(v.number(), v.integer(), v.minValue(2, "must be at least 2"), v.maxValue(12)),
  /** Overrides settings.maxPerCategory. */
  maxPerCategory: v.optional(Integer(1, 12)),
  /** At most this many impressions per shopper in a window of `perHours`. */
  cap: v.optional(
    v.object({ impressions: Integer(1, 1000), perHours: v.pipe(v.number(), v.minValue(0.1), v.maxValue(24 * 365)) }),
  ),
  /** An A/B test of this rule (see Experiment.ts). */
  experiment: v.optional(ExperimentSchema),
  /** Allows copy that shows personal knowledge ("Il solito?"); only with audience "established". */
  allowPersonalCopy: v.optional(v.boolean(), false),
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
  personas: v.optional(v.record(IdSchema, v.unknown()), {}),
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
