/**
 * One tact event as the report reads it, whichever way it arrived: a log line
 * the Worker wrote (src/edges/events/emitEvents.ts: `"event":"tact.event"`), that
 * line inside `wrangler tail --format json` output, or a row from Analytics
 * Engine. Logs come from outside, so they pass this schema before counting.
 */
import * as v from "valibot";

export const EventRowSchema = v.object({
  type: v.picklist(["exposure", "click", "conversion"], "must be exposure, click or conversion"),
  rule: v.optional(v.string(), ""),
  /** "" for a rule shown outside any experiment. */
  experiment: v.optional(v.string(), ""),
  variant: v.optional(v.string(), ""),
  /** Hash of the anonymous id: the unit everything is counted in. */
  shopper: v.pipe(v.string(), v.minLength(1, "needs a shopper")),
  /** The variant's expected share of enrolled shoppers (exposures, conversions). */
  share: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  /** False for a control that shows nothing: counted as exposed, not shown. */
  shown: v.optional(v.boolean()),
  /** Unix seconds. */
  ts: v.optional(v.number()),
  /** How many events the row stands for (Analytics Engine rows are grouped, and may be sampled). */
  count: v.optional(v.pipe(v.number(), v.minValue(1)), 1),
  /**
   * How many shoppers the row's shopper stands for: Analytics Engine's sample
   * interval when it sampled (it keeps or drops a shopper whole), 1 in a log.
   */
  weight: v.optional(v.pipe(v.number(), v.minValue(1)), 1),
});
export type EventRow = v.InferOutput<typeof EventRowSchema>;
