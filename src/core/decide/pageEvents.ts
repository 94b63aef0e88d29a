/**
 * The events a page view makes (see TactEvent): a click-through when this is
 * an item the last page with blocks showed, a conversion per experiment on
 * an order page, and the exposures of the blocks that went into the page.
 */
import type { ShownBlock } from "../profile/Profile";
import type { CompiledRuleSet } from "../ruleset/compileRuleSet";
import { assignVariant, inHoldout } from "./assign";
import type { Block } from "./decideBlock";
import type { TactEvent } from "./TactEvent";

/** What the last page with blocks showed, as the cookie keeps it. */
export function shownOf(block: Block): ShownBlock {
  return {
    rule: block.rule.id,
    experiment: block.experiment?.key ?? "",
    variant: block.experiment?.variant ?? "",
    items: block.items.map((card) => card.id),
  };
}

/** A view of an item the last page with blocks showed counts for that block. */
export function clickEvent(block: ShownBlock, item: string): TactEvent {
  return { type: "click", rule: block.rule, experiment: block.experiment, variant: block.variant, item };
}

/** One conversion per experiment the shopper is enrolled in, and for the holdout. */
export function conversions(ruleset: CompiledRuleSet, shopperId: string, firstSeen: number): TactEvent[] {
  const events: TactEvent[] = [];
  const { holdout } = ruleset.settings;
  const held = inHoldout(holdout, shopperId);
  if (holdout) {
    const share = held ? holdout.percent / 100 : 1 - holdout.percent / 100;
    events.push({ type: "conversion", experiment: holdout.key, variant: held ? "holdout" : "personalized", share });
  }
  if (held) return events;
  const seen = new Set<string>();
  for (const rule of ruleset.rules) {
    if (!rule.experiment || seen.has(rule.experiment.key)) continue;
    seen.add(rule.experiment.key);
    const variant = assignVariant(rule.experiment, shopperId, firstSeen);
    if (variant)
      events.push({ type: "conversion", experiment: rule.experiment.key, variant: variant.id, share: variant.share });
  }
  return events;
}

/** Whom the exposures are counted for: none on a preview or a sensitive page, the holdout's side when there is one. */
export interface ExposureContext {
  readonly ruleset: CompiledRuleSet;
  readonly counted: boolean;
  readonly holdout: boolean;
  readonly profiled: boolean;
}

/** The exposures of the blocks that went into the page (a control's, once its slot was found). */
export function exposures(blocks: readonly Block[], context: ExposureContext): TactEvent[] {
  if (!context.counted) return [];
  const events: TactEvent[] = blocks.flatMap((block): TactEvent[] => {
    const { experiment } = block;
    if (!experiment && !block.shown) return [];
    const exposure: TactEvent = {
      type: "exposure",
      rule: block.rule.id,
      experiment: experiment?.key ?? "",
      variant: experiment?.variant ?? "",
      share: experiment?.share ?? 1,
      shown: block.shown,
      items: block.items.length,
    };
    return [exposure];
  });
  const { holdout } = context.ruleset.settings;
  if (holdout && context.profiled && blocks.length > 0) {
    const share = context.holdout ? holdout.percent / 100 : 1 - holdout.percent / 100;
    const side = context.holdout ? "holdout" : "personalized";
    events.push({
      type: "exposure",
      rule: "",
      experiment: holdout.key,
      variant: side,
      share,
      shown: !context.holdout,
      items: 0,
    });
  }
  return events;
}
