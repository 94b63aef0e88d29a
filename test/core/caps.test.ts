import { describe, expect, it } from "vitest";
import { type Cap, capAllows, countImpression, pruneCaps } from "../../src/core/profile/caps";
import { MAX_CAPS } from "../../src/core/profile/Profile";
import { DAY, HOUR, T0, profile } from "../support/builders";

const threePerDay: Cap = { impressions: 3, windowSeconds: DAY };

describe("capAllows", () => {
  it.each([
    ["a rule never shown", {}, 0, true],
    ["a rule shown fewer times than its cap", { r: [2, T0] as const }, HOUR, true],
    ["a rule shown as often as its cap, inside the window", { r: [3, T0] as const }, HOUR, false],
    ["a rule shown more often than its cap, inside the window", { r: [5, T0] as const }, HOUR, false],
    ["a full cap one second before the window ends", { r: [3, T0] as const }, DAY - 1, false],
    ["a full cap when the window ends", { r: [3, T0] as const }, DAY, true],
    ["a full cap long after the window", { r: [3, T0] as const }, 30 * DAY, true],
    ["a full cap of another rule", { other: [3, T0] as const }, HOUR, true],
  ])("allows %s: %s", (_name, caps, elapsed, allowed) => {
    expect(capAllows(profile({ caps }), "r", threePerDay, T0 + elapsed)).toBe(allowed);
  });
});

describe("countImpression", () => {
  it.each([
    ["starts a window at the first impression", {}, HOUR, [1, T0 + HOUR]],
    ["counts inside the window", { r: [1, T0] as const }, HOUR, [2, T0]],
    ["counts past the cap inside the window", { r: [3, T0] as const }, HOUR, [4, T0]],
    ["starts a new window once the last one is over", { r: [3, T0] as const }, DAY, [1, T0 + DAY]],
  ])("%s", (_name, caps, elapsed, expected) => {
    expect(countImpression(profile({ caps }), "r", threePerDay, T0 + elapsed).caps["r"]).toEqual(expected);
  });

  it("allows exactly `impressions` showings per window, then again after the window", () => {
    let shopper = profile();
    const shown: number[] = [];
    // One page view an hour for two days.
    for (let hour = 0; hour < 48; hour++) {
      const now = T0 + hour * HOUR;
      if (capAllows(shopper, "r", threePerDay, now)) {
        shopper = countImpression(shopper, "r", threePerDay, now);
        shown.push(hour);
      }
    }
    expect(shown).toEqual([0, 1, 2, 24, 25, 26]);
    expect(shopper.caps["r"]).toEqual([3, T0 + 24 * HOUR]);
  });

  it("leaves the other rules' counters alone", () => {
    const before = profile({ caps: { a: [2, T0], b: [1, T0 + HOUR] } });
    const after = countImpression(before, "a", threePerDay, T0 + 2 * HOUR);
    expect(after.caps).toEqual({ a: [3, T0], b: [1, T0 + HOUR] });
    expect(before.caps).toEqual({ a: [2, T0], b: [1, T0 + HOUR] });
  });

  it(`keeps at most ${MAX_CAPS} rules, dropping the oldest windows`, () => {
    let shopper = profile();
    for (let i = 0; i < MAX_CAPS + 4; i++) shopper = countImpression(shopper, `rule-${i}`, threePerDay, T0 + i * 60);
    const kept = Object.keys(shopper.caps).sort();
    expect(kept).toHaveLength(MAX_CAPS);
    expect(kept).toEqual(Array.from({ length: MAX_CAPS }, (_, i) => `rule-${i + 4}`).sort());
  });

  it("keeps a rule whose window is newer than the others' even when the list is full", () => {
    const caps = Object.fromEntries(Array.from({ length: MAX_CAPS }, (_, i) => [`old-${i}`, [1, T0 + i] as const]));
    const after = countImpression(profile({ caps }), "fresh", threePerDay, T0 + HOUR);
    expect(Object.keys(after.caps)).toHaveLength(MAX_CAPS);
    expect(after.caps["fresh"]).toEqual([1, T0 + HOUR]);
    expect(after.caps["old-0"]).toBeUndefined();
  });
});

describe("pruneCaps", () => {
  const caps = new Map<string, Cap>([
    ["daily", threePerDay],
    ["hourly", { impressions: 1, windowSeconds: HOUR }],
  ]);
  it.each([
    ["keeps a running window", { daily: [2, T0 - HOUR] as const }, { daily: [2, T0 - HOUR] }],
    ["drops a window that is over", { hourly: [1, T0 - 2 * HOUR] as const }, {}],
    ["drops a rule that is no longer capped", { gone: [1, T0] as const }, {}],
  ])("%s", (_name, counters, expected) => {
    expect(pruneCaps(profile({ caps: counters }), caps, T0).caps).toEqual(expected);
  });
});
