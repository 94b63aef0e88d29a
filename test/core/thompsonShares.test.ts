import { describe, expect, it } from "vitest";
import { banditArms, shopperRows } from "../../src/core/decide/banditArms";
import { betaSample } from "../../src/core/decide/betaSample";
import { mulberry32 } from "../../src/core/decide/seededRandom";
import { thompsonShares } from "../../src/core/decide/thompsonShares";

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("beta draws", () => {
  it.each([
    [1, 1],
    [3, 7],
    [0.5, 0.5],
    [120, 880],
  ])("match Beta(%d, %d)'s mean and variance over 40,000 seeded draws", (a, b) => {
    const random = mulberry32(7);
    const draws = Array.from({ length: 40_000 }, () => betaSample(a, b, random));
    const mean = sum(draws) / draws.length;
    const variance = sum(draws.map((x) => (x - mean) ** 2)) / (draws.length - 1);
    const expectedMean = a / (a + b);
    const expectedVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    // Five standard errors of the mean; the variance within 5 %.
    expect(Math.abs(mean - expectedMean)).toBeLessThan(5 * Math.sqrt(expectedVariance / draws.length));
    expect(variance / expectedVariance).toBeGreaterThan(0.95);
    expect(variance / expectedVariance).toBeLessThan(1.05);
    expect(draws.every((x) => x > 0 && x < 1)).toBe(true);
  });
});

describe("Thompson shares", () => {
  const options = (seed: number, floor = 0.05) => ({ floor, draws: 10_000, random: mulberry32(seed) });

  it("gives the clearly better variant all but the floor, and the shares add up to 1", () => {
    const shares = thompsonShares(
      [
        { trials: 2000, successes: 100 },
        { trials: 2000, successes: 160 },
      ],
      options(1),
    );
    expect(shares[0]).toBeCloseTo(0.05, 3);
    expect(shares[1]).toBeCloseTo(0.95, 3);
    expect(sum(shares)).toBeCloseTo(1, 10);
  });

  it("splits evenly between variants it cannot tell apart (no counts yet)", () => {
    const shares = thompsonShares(
      [0, 1, 2].map(() => ({ trials: 0, successes: 0 })),
      options(2),
    );
    for (const share of shares) expect(Math.abs(share - 1 / 3)).toBeLessThan(0.02);
  });

  it("matches the probability of being best: about 0.84 for a one-sigma lead", () => {
    // Two posteriors whose difference is about one standard deviation apart: P(best) = Φ(1) ≈ 0.84.
    const arms = [
      { trials: 1000, successes: 100 },
      { trials: 1000, successes: 113 },
    ];
    const shares = thompsonShares(arms, options(3, 0));
    expect(shares[1]).toBeGreaterThan(0.79);
    expect(shares[1]).toBeLessThan(0.89);
  });

  it("is the same for the same seed and differs for another", () => {
    const arms = [
      { trials: 50, successes: 5 },
      { trials: 50, successes: 7 },
    ];
    expect(thompsonShares(arms, options(4))).toEqual(thompsonShares(arms, options(4)));
    expect(thompsonShares(arms, options(4))).not.toEqual(thompsonShares(arms, options(5)));
  });
});

describe("bandit counts", () => {
  it("count shoppers exposed and successful, each row weighted by what it stands for", () => {
    const arms = banditArms(
      ["control", "treatment"],
      [
        { variant: "control", weight: 1, exposed: true, succeeded: false },
        { variant: "control", weight: 1, exposed: true, succeeded: true },
        { variant: "treatment", weight: 10, exposed: true, succeeded: true },
        { variant: "treatment", weight: 10, exposed: false, succeeded: true },
        { variant: "gone", weight: 5, exposed: true, succeeded: true },
      ],
    );
    expect(arms).toEqual([
      { trials: 2, successes: 1 },
      { trials: 10, successes: 10 },
    ]);
  });
});

describe("bandit rows from logged events", () => {
  it("make one row per variant and shopper, exposed and successful on the chosen metric", () => {
    const event = (type: string, variant: string, shopper: string, experiment = "home-test") => ({
      type,
      experiment,
      variant,
      shopper,
    });
    const events = [
      event("exposure", "control", "a"),
      event("exposure", "control", "a"),
      event("click", "control", "a"),
      event("exposure", "treatment", "b"),
      event("conversion", "treatment", "b"),
      event("exposure", "treatment", "c", "other-test"),
    ];
    expect(banditArms(["control", "treatment"], shopperRows(events, "home-test", "click"))).toEqual([
      { trials: 1, successes: 1 },
      { trials: 1, successes: 0 },
    ]);
    expect(banditArms(["control", "treatment"], shopperRows(events, "home-test", "conversion"))).toEqual([
      { trials: 1, successes: 0 },
      { trials: 1, successes: 1 },
    ]);
  });
});
