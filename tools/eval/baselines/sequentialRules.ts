/**
 * SR, sequential rules (Ludewig & Jannach, "Evaluation of session-based
 * recommendation algorithms", 2018): every time item b follows item a within
 * STEPS views of a training session, the rule a → b gains 1 / distance. The
 * items after the current view are ranked by the weight of their rule from it.
 * Direction matters: what people look at after a, not merely alongside it.
 */
import type { Session } from "../data/Session";
import { countViews, rankItems } from "./rankItems";
import { type Ranker, memoized } from "./Ranker";

export const STEPS = 10;

export function sequentialRules(train: readonly Session[], steps = STEPS): Ranker {
  const rules = new Map<string, Map<string, number>>();
  for (const { items } of train) {
    items.forEach((item, index) => {
      for (let distance = 1; distance <= Math.min(steps, index); distance++) {
        const from = items[index - distance] ?? "";
        let after = rules.get(from);
        if (!after) rules.set(from, (after = new Map()));
        after.set(item, (after.get(item) ?? 0) + 1 / distance);
      }
    });
  }
  const views = countViews(train);
  return memoized("sr", (item) => rankItems(rules.get(item) ?? new Map(), views));
}
