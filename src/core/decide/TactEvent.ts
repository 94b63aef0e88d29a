/**
 * What tact reports about its blocks, for A/B analysis. An event names the
 * shopper only by a hash of the anonymous id; nothing more personal.
 *
 * - exposure: a block was shown, or, for a control, would have been (shown: false);
 * - click: the next page viewed an item a block had shown, attributed to that block;
 * - conversion: the order-complete page, once per order, per experiment the
 *   shopper is enrolled in (and for the holdout, when there is one).
 */
/** The log line marker events carry (`"event":"tact.event"`), which the report looks for. */
export const EVENT_LOG = "tact.event";

export type TactEvent =
  | {
      readonly type: "exposure";
      readonly rule: string;
      readonly experiment: string;
      readonly variant: string;
      /** The variant's expected share of enrolled shoppers (for the sample-ratio check). */
      readonly share: number;
      readonly shown: boolean;
      readonly items: number;
    }
  | {
      readonly type: "click";
      readonly rule: string;
      readonly experiment: string;
      readonly variant: string;
      readonly item: string;
    }
  | { readonly type: "conversion"; readonly experiment: string; readonly variant: string; readonly share: number };

/** An event as written out: with who (hashed), when and where. */
export type EventRecord = TactEvent & { readonly shopper: string; readonly ts: number; readonly path: string };
