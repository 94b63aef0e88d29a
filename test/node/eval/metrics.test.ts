/**
 * The protocol and its figures on sessions small enough to count by hand,
 * and the intervals against values worked out from their formulas.
 */
import { describe, expect, it } from "vitest";
import type { Session } from "../../../tools/eval/data/Session";
import { Z, meanInterval, proportionInterval } from "../../../tools/eval/metrics/intervals";
import { emptyTally, figures, pairedChange, record } from "../../../tools/eval/metrics/Tally";
import { type Recommender, byCurrentItem } from "../../../tools/eval/Recommender";
import { replaySessions } from "../../../tools/eval/replaySessions";

const session = (id: string, items: string[]): Session => ({ id, items, times: items.map((_, i) => i), endDay: 0 });

/** Always the same ranking: b first, c fifth, d eleventh. */
const fixed = byCurrentItem("fixed", () => ["b", "x1", "x2", "x3", "c", "x5", "x6", "x7", "x8", "x9", "d"]);

describe("replaySessions", () => {
  // Predictions: b (rank 1, new), c (rank 5, new), a (not listed, seen before), d (rank 11, new).
  const tallies = replaySessions([session("s1", ["a", "b", "c"]), session("s2", ["a", "a", "d"])], [fixed]);
  const result = tallies.get("fixed");

  it("judges every position against the next item: HR@4, HR@10 and MRR@20 by hand", () => {
    const all = figures(result!.all);
    expect(all.predictions).toBe(4);
    expect(all.shown).toBe(1);
    expect(all.hr4).toBe(1 / 4);
    expect(all.hr10).toBe(2 / 4);
    expect(all.mrr20).toBeCloseTo((1 + 1 / 5 + 1 / 11) / 4, 12);
  });

  it("counts new next items apart: a repeat of a seen item is not one", () => {
    const fresh = figures(result!.new);
    expect(fresh.predictions).toBe(3);
    expect(fresh.hr4).toBe(1 / 3);
    expect(fresh.hr10).toBe(2 / 3);
    expect(fresh.mrr20).toBeCloseTo((1 + 1 / 5 + 1 / 11) / 3, 12);
  });

  it("replays each session view by view, to a new replay per session, asking for 4, 10 and 20", () => {
    const calls: string[] = [];
    const spy: Recommender = {
      name: "spy",
      session: (id) => ({
        view: (item, time, sizes) => (calls.push(`${id}:${item}@${time}:${sizes.join("/")}`), []),
      }),
    };
    const tallies = replaySessions([session("s", ["a", "b", "c"]), session("t", ["d", "e"])], [spy]);
    // The last view of a session has no next item: it is never asked about.
    expect(calls).toEqual(["s:a@0:4/10/20", "s:b@1:4/10/20", "t:d@0:4/10/20"]);
    expect(figures(tallies.get("spy")!.all).shown).toBe(0);
  });
});

describe("intervals", () => {
  it("uses z = 1.96 for 95%", () => {
    expect(Z).toBeCloseTo(1.959963984540054, 12);
  });

  it("gives the Wilson interval: 0/10 → [0, z²/(n + z²)], 5/10 → 0.5 ± 0.2634", () => {
    const [low, high] = proportionInterval(0, 10);
    expect(low).toBeCloseTo(0, 12);
    expect(high).toBeCloseTo((Z * Z) / (10 + Z * Z), 12);
    const [l5, h5] = proportionInterval(5, 10);
    expect(l5).toBeCloseTo(0.2366, 4);
    expect(h5).toBeCloseTo(0.7634, 4);
    expect(proportionInterval(0, 0).every(Number.isNaN)).toBe(true);
  });

  it("gives a mean ± z·s/√n for MRR", () => {
    // Values 1, 0, 0, 0: mean 0.25, sample variance 0.25, s/√n = 0.25.
    const [low, high] = meanInterval(1, 1, 4);
    expect(low).toBeCloseTo(0.25 - Z * 0.25, 12);
    expect(high).toBeCloseTo(0.25 + Z * 0.25, 12);
  });
});

describe("pairedChange", () => {
  /** A tally of predictions of "x", hit or missed by the block of 4 as `hits` says. */
  const tally = (hits: number[]) => {
    const counted = emptyTally();
    for (const hit of hits) record(counted, [hit ? ["x"] : ["y"], [], []], "x");
    return counted;
  };

  it("is the mean of per-prediction differences, with its interval", () => {
    // Differences 0, +1, 0, −1: mean 0, sample variance 2/3.
    const { change, interval } = pairedChange(tally([1, 1, 0, 0]), tally([1, 0, 0, 1]));
    expect(change).toBe(0);
    expect(interval[1]).toBeCloseTo(Z * Math.sqrt(2 / 3 / 4), 12);
    expect(pairedChange(tally([1, 1, 1, 0]), tally([0, 0, 0, 0])).change).toBe(0.75);
  });
});
