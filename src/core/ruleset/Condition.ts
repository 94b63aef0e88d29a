/**
 * Persona conditions: facts about the profile and the request, combined with
 * all / any / not. A persona is a named condition in the ruleset, so marketing
 * can define segments without a deploy.
 */
import * as v from "valibot";
import { CategorySlugSchema } from "../catalog/ids";
import { MAX_BIRTHDAY_WINDOW_DAYS } from "../profile/birthday";

/** Deepest all/any/not nesting accepted. */
export const MAX_CONDITION_DEPTH = 6;

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop"] as const;

const Range = (max: number) =>
  v.pipe(
    v.object({
      atLeast: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(max))),
      atMost: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(max))),
    }),
    v.check((range) => range.atLeast !== undefined || range.atMost !== undefined, "needs atLeast or atMost"),
  );

const Words = (item: v.GenericSchema<string, string>) => v.pipe(v.array(item), v.minLength(1), v.maxLength(50));

const Lowercase = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(100));

/** A single fact; exactly one key. */
const FactSchema = v.union([
  v.strictObject({
    affinity: v.strictObject({ category: CategorySlugSchema, atLeast: v.pipe(v.number(), v.minValue(0)) }),
  }),
  v.strictObject({ visits: Range(1_000_000) }),
  v.strictObject({ daysSinceFirstVisit: Range(100_000) }),
  v.strictObject({ orders: Range(1_000_000) }),
  v.strictObject({ prefers: CategorySlugSchema }),
  v.strictObject({ established: v.boolean() }),
  /** Today, where the shopper is, is at most withinDays before or after the birthday they stated. */
  v.strictObject({
    birthday: v.strictObject({
      withinDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_BIRTHDAY_WINDOW_DAYS)),
    }),
  }),
  v.strictObject({
    country: Words(
      v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "must be a two-letter country code")),
    ),
  }),
  v.strictObject({ device: Words(v.picklist(DEVICE_CLASSES)) }),
  v.strictObject({ language: Words(v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/))) }),
  v.strictObject({ referrer: Words(Lowercase) }),
  v.strictObject({ utmSource: Words(Lowercase) }),
  v.strictObject({
    localHour: v.strictObject({
      from: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
      to: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
    }),
  }),
]);
export type Fact = v.InferOutput<typeof FactSchema>;

export type Condition = Fact | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ConditionSchema: v.GenericSchema<unknown, Condition> = v.lazy(() =>
  v.union(
    [
      FactSchema,
      v.strictObject({ all: v.pipe(v.array(ConditionSchema), v.minLength(1), v.maxLength(20)) }),
      v.strictObject({ any: v.pipe(v.array(ConditionSchema), v.minLength(1), v.maxLength(20)) }),
      v.strictObject({ not: ConditionSchema }),
    ],
    "must be one fact (affinity, visits, daysSinceFirstVisit, orders, prefers, established, birthday, country, device, language, referrer, utmSource, localHour) or all / any / not",
  ),
);

/** How deeply all/any/not nest in a document, without trusting its shape. */
export function conditionDepth(value: unknown, depth = 0): number {
  if (depth > MAX_CONDITION_DEPTH || typeof value !== "object" || value === null) return depth;
  const record = value as Record<string, unknown>;
  const children = Array.isArray(record["all"])
    ? record["all"]
    : Array.isArray(record["any"])
      ? record["any"]
      : "not" in record
        ? [record["not"]]
        : [];
  return Math.max(depth, ...children.map((child: unknown) => conditionDepth(child, depth + 1)));
}

/** The categories a condition refers to (for the sensitive-category firewall). */
export function categoriesIn(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(categoriesIn);
  if ("any" in condition) return condition.any.flatMap(categoriesIn);
  if ("not" in condition) return categoriesIn(condition.not);
  if ("affinity" in condition) return [condition.affinity.category];
  if ("prefers" in condition) return [condition.prefers];
  return [];
}

/** Whether a condition reads the stated birthday at all, even to exclude it. */
export function usesBirthday(condition: Condition): boolean {
  if ("all" in condition) return condition.all.some(usesBirthday);
  if ("any" in condition) return condition.any.some(usesBirthday);
  if ("not" in condition) return usesBirthday(condition.not);
  return "birthday" in condition;
}

/** Whether a condition can hold only for a shopper within their birthday window. */
export function requiresBirthday(condition: Condition): boolean {
  if ("all" in condition) return condition.all.some(requiresBirthday);
  if ("any" in condition) return condition.any.every(requiresBirthday);
  if ("not" in condition) return false;
  return "birthday" in condition;
}
