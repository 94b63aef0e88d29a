/**
 * Experiments, as a rule carries them. A shopper with a profile who falls in
 * the experiment's traffic (and in its namespace range, if it has one) is
 * assigned a variant; everyone else sees the rule as written. A control
 * variant shows nothing (measuring the rule itself) or the rule as written
 * (measuring a change against it).
 */
import * as v from "valibot";
import { IdSchema, LanguageSchema, STRATEGIES } from "./vocabulary";

const Share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const VariantSchema = v.object({
  id: IdSchema,
  /** Relative weight among the variants (they need not add up to 100). */
  weight: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)),
  /** A control: "nothing" shows no block, "baseline" shows the rule as written. */
  control: v.optional(v.picklist(["nothing", "baseline"], "must be nothing or baseline")),
  /** What a treatment changes. */
  strategies: v.optional(
    v.pipe(v.array(v.picklist(STRATEGIES, `must be one of ${STRATEGIES.join(", ")}`)), v.minLength(1)),
  ),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2, "must be at least 2"), v.maxValue(12))),
  heading: v.optional(v.record(LanguageSchema, v.pipe(v.string(), v.maxLength(160)))),
  template: v.optional(IdSchema),
});
export type Variant = v.InferOutput<typeof VariantSchema>;

export const ExperimentSchema = v.pipe(
  v.object({
    /** Names the experiment in events and seeds its bucketing; change it to reshuffle. */
    key: IdSchema,
    /** Percent of eligible shoppers enrolled; raising it never moves anyone already in. */
    traffic: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
    variants: v.pipe(v.array(VariantSchema), v.minLength(2, "needs at least two variants"), v.maxLength(10)),
    /**
     * "bandit": a Cron Trigger reweights the variants by Thompson sampling on
     * `metric` (see core/decide/thompsonShares); shoppers keep the variant they
     * were enrolled in. "fixed" (the default): the weights as written.
     */
    allocation: v.optional(v.picklist(["fixed", "bandit"], "must be fixed or bandit")),
    /** The primary metric a bandit maximizes: shoppers who clicked, or who ordered. */
    metric: v.optional(v.picklist(["click", "conversion"], "must be click or conversion")),
    /** The least share a bandit leaves each variant, so none stops being measured. */
    floor: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(0.5))),
    /** Experiments in one namespace with disjoint ranges never share a shopper. */
    namespace: v.optional(
      v.pipe(
        v.object({ name: IdSchema, range: v.tuple([Share, Share]) }),
        v.check(({ range }) => range[0] < range[1], "range must be [from, to] with from < to"),
      ),
    ),
  }),
  v.check(({ variants }) => new Set(variants.map((x) => x.id)).size === variants.length, "variant ids must differ"),
  v.check(({ variants }) => variants.some((x) => x.weight > 0), "at least one variant needs a weight above 0"),
  v.check(({ variants }) => variants.filter((x) => x.control).length <= 1, "at most one variant is the control"),
  v.check(
    ({ allocation, metric, floor }) => allocation === "bandit" || (metric === undefined && floor === undefined),
    'metric and floor are for allocation "bandit" only',
  ),
  v.check(
    ({ variants, floor }) => floor === undefined || floor * variants.length < 1,
    "floor times the number of variants must stay below 1, or the bandit has nothing to reweight",
  ),
);
export type Experiment = v.InferOutput<typeof ExperimentSchema>;
