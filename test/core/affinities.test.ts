import { describe, expect, it } from "vitest";
import { addAffinity, decayAffinities, strongest } from "../../src/core/profile/affinities";
import { MAX_AFFINITIES } from "../../src/core/profile/Profile";
import { DAY, T0 } from "../support/builders";

const HALF_LIFE = 30 * DAY;

describe("decayAffinities", () => {
  it.each([
    ["halves after one half-life", { shoes: 8, bags: 3 }, HALF_LIFE, { shoes: 4, bags: 1.5 }],
    ["quarters after two half-lives", { shoes: 8, bags: 3 }, 2 * HALF_LIFE, { shoes: 2, bags: 0.75 }],
    ["eighths after three half-lives", { shoes: 8 }, 3 * HALF_LIFE, { shoes: 1 }],
    ["rounds to hundredths (1 × 2^-½ = 0.7071…)", { shoes: 1 }, HALF_LIFE / 2, { shoes: 0.71 }],
    ["rounds to hundredths (3 × 2^-⅓ = 2.381…)", { shoes: 3 }, HALF_LIFE / 3, { shoes: 2.38 }],
    ["keeps a score that lands exactly on 0.05", { shoes: 0.2 }, 2 * HALF_LIFE, { shoes: 0.05 }],
    ["keeps a score that rounds up to 0.05 (0.0475)", { shoes: 0.19 }, 2 * HALF_LIFE, { shoes: 0.05 }],
    ["forgets a score that rounds below 0.05 (0.0425)", { shoes: 0.17 }, 2 * HALF_LIFE, {}],
    ["forgets only the weak ones", { shoes: 10, bags: 0.08 }, HALF_LIFE, { shoes: 5 }],
    ["forgets everything after a very long time", { shoes: 100, bags: 50 }, 20 * HALF_LIFE, {}],
    ["changes nothing when no time has passed", { shoes: 1.25, bags: 0.5 }, 0, { shoes: 1.25, bags: 0.5 }],
    ["changes nothing when the clock went backwards", { shoes: 1.25, bags: 0.5 }, -DAY, { shoes: 1.25, bags: 0.5 }],
    ["returns an empty record for no affinities", {}, HALF_LIFE, {}],
  ])("%s", (_name, affinities: Record<string, number>, elapsed, expected) => {
    expect(decayAffinities(affinities, T0, T0 + elapsed, HALF_LIFE)).toEqual(expected);
  });

  it.each([
    [1 * DAY, 1, 0.5],
    [7 * DAY, 7, 0.5],
    [7 * DAY, 14, 0.25],
    [7 * DAY, 3.5, 0.71],
  ])("with a half-life of %i s, %i days later a score of 1 is %d", (halfLife, days, expected) => {
    expect(decayAffinities({ tea: 1 }, T0, T0 + days * DAY, halfLife)).toEqual({ tea: expected });
  });

  it("does not change its input", () => {
    const affinities = { shoes: 8 };
    decayAffinities(affinities, T0, T0 + HALF_LIFE, HALF_LIFE);
    expect(affinities).toEqual({ shoes: 8 });
  });
});

describe("addAffinity", () => {
  const eight = Object.fromEntries(Array.from({ length: MAX_AFFINITIES }, (_, i) => [`c${i + 1}`, i + 1]));

  it.each([
    ["starts a new category", {}, "shoes", 1, { shoes: 1 }],
    ["adds to an existing category", { shoes: 1, bags: 2 }, "shoes", 0.5, { shoes: 1.5, bags: 2 }],
    ["rounds the sum to hundredths", { shoes: 0.1 }, "shoes", 0.2, { shoes: 0.3 }],
    ["rounds a long weight", { shoes: 1 }, "shoes", 0.3333, { shoes: 1.33 }],
  ])("%s", (_name, affinities: Record<string, number>, slug, weight, expected) => {
    expect(addAffinity(affinities, slug, weight)).toEqual(expected);
  });

  it("keeps a ninth category only if it is among the 8 strongest, dropping the weakest", () => {
    const next = addAffinity(eight, "new", 5);
    expect(Object.keys(next)).toHaveLength(MAX_AFFINITIES);
    expect(next["new"]).toBe(5);
    expect(next["c1"]).toBeUndefined();
    expect(next["c8"]).toBe(8);
  });

  it("drops a ninth category weaker than all the others", () => {
    const next = addAffinity(eight, "weak", 0.5);
    expect(Object.keys(next)).toHaveLength(MAX_AFFINITIES);
    expect(next["weak"]).toBeUndefined();
    expect(next).toEqual(eight);
  });

  it("lets a ninth category tied with the weakest win on its name", () => {
    const next = addAffinity(eight, "a-first", 1);
    expect(next["a-first"]).toBe(1);
    expect(next["c1"]).toBeUndefined();
  });

  it("does not change its input", () => {
    const affinities = { shoes: 1 };
    addAffinity(affinities, "shoes", 1);
    expect(affinities).toEqual({ shoes: 1 });
  });
});

describe("strongest", () => {
  it.each([
    [
      "falling score",
      { a: 1, b: 3, c: 2 },
      3,
      [
        ["b", 3],
        ["c", 2],
        ["a", 1],
      ],
    ],
    [
      "limited",
      { a: 1, b: 3, c: 2 },
      2,
      [
        ["b", 3],
        ["c", 2],
      ],
    ],
    [
      "ties by name",
      { zeta: 2, alpha: 2, mid: 2 },
      3,
      [
        ["alpha", 2],
        ["mid", 2],
        ["zeta", 2],
      ],
    ],
    [
      "ties by name after score",
      { b: 1, a: 1, c: 5 },
      3,
      [
        ["c", 5],
        ["a", 1],
        ["b", 1],
      ],
    ],
    ["limit above size", { a: 1 }, 5, [["a", 1]]],
    ["limit zero", { a: 1 }, 0, []],
    ["empty", {}, 3, []],
  ])("orders by %s", (_name, affinities: Record<string, number>, limit, expected) => {
    expect(strongest(affinities, limit)).toEqual(expected);
  });

  it("gives the same order whatever the insertion order", () => {
    const forward = strongest({ a: 1, b: 1, c: 2 }, 3);
    const backward = strongest({ c: 2, b: 1, a: 1 }, 3);
    expect(backward).toEqual(forward);
  });
});
