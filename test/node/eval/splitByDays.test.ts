/** The time-based split: which sessions are test, and what is left of them. */
import { describe, expect, it } from "vitest";
import type { Session } from "../../../tools/eval/data/Session";
import { cleanSplit, keepItems, splitByDays } from "../../../tools/eval/data/splitByDays";

const DAY = 86_400;

/** A session of these items, one view a minute, ending on `day` (at `hour`). */
function session(id: string, day: number, items: string[], hour = 12): Session {
  const start = day * DAY + hour * 3600;
  return { id, items, times: items.map((_, i) => start + 60 * i), endDay: day };
}

describe("splitByDays", () => {
  const sessions = [
    session("old", 1, ["a", "b", "c"]),
    session("mid", 7, ["b", "c"]),
    session("recent", 8, ["a", "b", "x"]),
    session("last", 10, ["c", "a"]),
    session("unseen", 9, ["x", "y"], 11),
    session("single", 2, ["a"]),
  ];

  it("makes the sessions ending in the last N calendar days the test set", () => {
    const split = splitByDays(sessions, 3, true);
    expect(split.cutoff).toBe(8); // days 8, 9 and 10
    expect(split.train.map((s) => s.id)).toEqual(["old", "mid"]);
    // x was never seen in training: dropped from "recent", and "unseen" is left with nothing.
    expect(split.test.map((s) => [s.id, s.items])).toEqual([
      ["recent", ["a", "b"]],
      ["last", ["c", "a"]],
    ]);
  });

  it("with timestamps, cuts N × 24 hours before the last view, as session-rec does", () => {
    const split = splitByDays(sessions, 1, false);
    const lastView = 10 * DAY + 12 * 3600 + 60;
    expect(split.cutoff).toBe(lastView - DAY);
    expect(split.test.map((s) => s.id)).toEqual(["last"]);
    // "unseen" ended at 11:01 on day 9, before the cut at 12:01: training.
    expect(split.train.map((s) => s.id)).toContain("unseen");
  });

  it("drops sessions of a single view from training too", () => {
    expect(splitByDays(sessions, 3, true).train.map((s) => s.id)).not.toContain("single");
    expect(() => splitByDays(sessions, 0, true)).toThrow(/at least 1/);
  });
});

describe("keepItems and cleanSplit", () => {
  it("keeps the views of known items, times with them, and sessions still of two views", () => {
    const kept = keepItems([session("s", 1, ["a", "x", "b"]), session("t", 1, ["a", "x"])], new Set(["a", "b"]));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.items).toEqual(["a", "b"]);
    expect(kept[0]?.times).toEqual([DAY + 12 * 3600, DAY + 12 * 3600 + 120]);
  });

  it("restricts a given test file to the training items", () => {
    const split = cleanSplit([session("s", 1, ["a", "b"])], [session("t", 2, ["a", "c", "b"])], 2);
    expect(split.test[0]?.items).toEqual(["a", "b"]);
  });
});
