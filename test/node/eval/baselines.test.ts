/** Each baseline on a toy data set where the right answer is plain. */
import { describe, expect, it } from "vitest";
import { itemKnn } from "../../../tools/eval/baselines/itemKnn";
import { popular } from "../../../tools/eval/baselines/popular";
import { plain } from "../../../tools/eval/baselines/Ranker";
import { sequentialRules } from "../../../tools/eval/baselines/sequentialRules";
import type { Session } from "../../../tools/eval/data/Session";

const session = (id: string, items: string[]): Session => ({ id, items, times: items.map((_, i) => i), endDay: 0 });

describe("POP", () => {
  it("ranks items by views in training, the same for everyone", () => {
    const pop = popular([session("1", ["a", "b", "c"]), session("2", ["c", "b"]), session("3", ["c", "d"])]);
    expect(pop.rank("a")).toEqual(["c", "b", "a", "d"]);
    expect(pop.rank("d")).toEqual(["c", "b", "a", "d"]);
  });

  it("is shown plain as its top items, whatever the page", () => {
    const replay = plain(popular([session("1", ["a", "b", "c"]), session("2", ["c", "b"])])).session("q");
    expect(replay.view("a", 0, [1, 2, 10])).toEqual([["b"], ["b", "c"], ["b", "c", "a"]]);
  });
});

describe("sequential rules", () => {
  // "moka" is always followed by "coffee", never the other way round.
  const train = [
    session("1", ["moka", "coffee", "cups"]),
    session("2", ["moka", "coffee"]),
    session("3", ["filters", "moka"]),
  ];

  it("ranks what follows the current view, weighted 1/distance", () => {
    const sr = sequentialRules(train);
    // moka → coffee: 1 + 1 (distance 1, twice); moka → cups: 1/2.
    expect(sr.rank("moka")).toEqual(["coffee", "cups"]);
    expect(sr.rank("filters")).toEqual(["moka"]);
  });

  it("is directional: nothing follows the last item of every session", () => {
    expect(sequentialRules(train).rank("cups")).toEqual([]);
    expect(sequentialRules(train).rank("coffee")).toEqual(["cups"]);
  });

  it("looks only `steps` views back", () => {
    expect(sequentialRules(train, 1).rank("moka")).toEqual(["coffee"]);
    expect(sequentialRules(train, 1).rank("filters")).toEqual(["moka"]);
  });
});

describe("item-kNN", () => {
  it("ranks by cosine with the current view, with or without shrinkage", () => {
    // a and b together in 2 sessions, a and c in 1; a in 3 sessions, b in 2, c in 3.
    const train = [
      session("1", ["a", "b"]),
      session("2", ["a", "b"]),
      session("3", ["a", "c"]),
      session("4", ["c", "d"]),
      session("5", ["c", "d"]),
    ];
    // With λ = 20: sim(a, b) = 2/√(23·22) > sim(a, c) = 1/√(23·23); without it, 2/√6 > 1/3.
    expect(itemKnn(train).rank("a")).toEqual(["b", "c"]);
    expect(itemKnn(train, 0).rank("a")).toEqual(["b", "c"]);
  });

  it("lets shrinkage overturn a pair seen once against a pair seen often", () => {
    // x and y once, y nowhere else: cosine 1/√(4·1) = 0.5. x and z 3 times, z in 10 sessions: 3/√(4·10) ≈ 0.47.
    // With λ = 20: 1/√(24·21) ≈ 0.045 against 3/√(24·30) ≈ 0.112.
    const train = [session("xy", ["x", "y"])];
    for (let i = 0; i < 3; i++) train.push(session(`xz${i}`, ["x", "z"]));
    for (let i = 0; i < 7; i++) train.push(session(`zw${i}`, ["z", "w"]));
    expect(itemKnn(train, 0).rank("x")[0]).toBe("y");
    expect(itemKnn(train).rank("x")[0]).toBe("z");
  });

  it("breaks a tie in favour of the item viewed more in training, then the smaller id", () => {
    // b and c each share one session with a and are in no other: the same score. c is viewed twice.
    expect(itemKnn([session("1", ["a", "b"]), session("2", ["a", "c", "c"])], 0).rank("a")).toEqual(["c", "b"]);
    expect(itemKnn([session("1", ["a", "c"]), session("2", ["a", "b"])], 0).rank("a")).toEqual(["b", "c"]);
  });
});
