/**
 * One evaluation: load and split the data, import the shop's catalog from
 * the training sessions, replay the judged sessions through everyone in the
 * lineup in a single pass, and gather the figures.
 */
import { SHRINKAGE } from "../catalog/cooccurrenceSimilarity";
import { DEFAULT_TOP_K } from "../catalog/parseImportArgs";
import { type SplitDescription, type SplitRequest, loadSplit } from "./data/loadSplit";
import { experiments } from "./experiments";
import { lineup } from "./lineup";
import type { Interval } from "./metrics/intervals";
import { type Figures, figures, pairedChange } from "./metrics/Tally";
import type { Recommender } from "./Recommender";
import { type Progress, type Tallies, replaySessions } from "./replaySessions";
import { demoRuleSet } from "./tact/demoRuleSet";
import { importShop } from "./tact/shopCatalog";

export interface Pair {
  readonly all: Figures;
  readonly new: Figures;
}

export interface Change {
  readonly value: number;
  /** 95%, paired over the same predictions. */
  readonly interval: Interval;
}

/** A variant of tact beside tact as the Worker runs it. */
export interface Versus extends Pair {
  /**
   * The variant's HR@4 minus tact's. With a constraint off, what the
   * constraint costs (negative: it helps); for an experiment, what it gains.
   */
  readonly hr4Change: { readonly all: Change; readonly new: Change };
}

export interface Evaluation {
  readonly split: SplitDescription;
  readonly predictions: { readonly all: number; readonly new: number };
  readonly tact: Pair;
  readonly baselines: Readonly<Record<string, Pair>>;
  readonly constraints: Readonly<Record<string, Versus>>;
  /** On a validation split: variants of tact's engine, to choose among. */
  readonly experiments?: Readonly<Record<string, Versus>>;
  readonly seconds: number;
}

export interface EvalRequest extends SplitRequest {
  /** Told what is happening, for the progress line. */
  readonly status: (message: string) => void;
  readonly progress: Progress;
}

const pair = (tallies: Tallies): Pair => ({ all: figures(tallies.all), new: figures(tallies.new) });

function versus(tact: Tallies, other: Tallies): Versus {
  const change = (which: "all" | "new"): Change => {
    const { change: value, interval } = pairedChange(other[which], tact[which]);
    return { value, interval };
  };
  return { ...pair(other), hr4Change: { all: change("all"), new: change("new") } };
}

export async function evaluate(request: EvalRequest): Promise<Evaluation> {
  const started = performance.now();
  request.status("reading and splitting the data");
  const { train, judged, categories, description } = await loadSplit(request);
  if (judged.length === 0)
    throw new Error("no session left to judge: none has two views or more of items seen in training");
  request.status(`importing the catalog from ${train.length} training sessions`);
  const shop = await importShop(train, categories, { relatedPerItem: DEFAULT_TOP_K, shrinkage: SHRINKAGE });
  const ruleset = await demoRuleSet();
  const { tact, baselines, constraints } = lineup(train, shop, ruleset);
  const variants = request.validation ? await experiments(train, categories, shop, ruleset) : [];
  request.status(`replaying ${judged.length} sessions`);
  const tallies = replaySessions(judged, [tact, ...baselines, ...constraints, ...variants], request.progress);
  const of = (recommender: Recommender) => tallies.get(recommender.name) as Tallies;
  const tactPair = pair(of(tact));
  return {
    split: description,
    predictions: { all: tactPair.all.predictions, new: tactPair.new.predictions },
    tact: tactPair,
    baselines: Object.fromEntries(baselines.map((r) => [r.name, pair(of(r))] as const)),
    constraints: Object.fromEntries(constraints.map((r) => [r.name, versus(of(tact), of(r))] as const)),
    ...(request.validation
      ? { experiments: Object.fromEntries(variants.map((r) => [r.name, versus(of(tact), of(r))] as const)) }
      : {}),
    seconds: (performance.now() - started) / 1000,
  };
}
