/**
 * The report's statistics, each against values worked out by hand (closed
 * forms where the distribution has one) or from published tables. The
 * distributions come from a library; these show it is used the right way
 * round (tails, degrees of freedom, the survival side).
 */
import { describe, expect, it } from "vitest";
import {
  Z_95,
  chiSquareSurvival,
  median,
  normalCdf,
  quantile,
  relativeLift,
  sampleRatioMismatch,
  twoProportionZTest,
  twoSidedPValue,
  wilsonInterval,
} from "../../tools/shared/statistics";

/** |actual − expected| within `relative` of expected. */
function close(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relative);
}

describe("the normal distribution", () => {
  it("gives Φ(1.96) = 0.975, Φ(−1) = 0.1587 and two-sided p = 0.05 at z = 1.96", () => {
    close(Z_95, 1.959963984540054, 1e-12);
    close(normalCdf(Z_95), 0.975, 1e-12);
    close(normalCdf(-1), 0.15865525393145707, 1e-12);
    close(normalCdf(0.5), 0.6914624612740131, 1e-12);
    close(twoSidedPValue(Z_95), 0.05, 1e-12);
    close(twoSidedPValue(-Z_95), 0.05, 1e-12);
    expect(twoSidedPValue(0)).toBe(1);
  });

  it("keeps relative accuracy far in the tail: p = erfc(5/√2) at z = 5", () => {
    // Abramowitz & Stegun, table 7.1: erfc(5/√2) = 5.733031437583878e-7
    close(twoSidedPValue(5), 5.733031437583878e-7, 1e-12);
  });
});

describe("chi-square survival", () => {
  it("gives 0.05 at the tabulated critical values for df 1, 2 and 4", () => {
    close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-12);
    close(chiSquareSurvival(5.991464547107979, 2), 0.05, 1e-12); // df 2: e^(−x/2) = e^(−2.9957) = 0.05
    close(chiSquareSurvival(9.487729036781154, 4), 0.05, 1e-12);
  });

  it("matches the closed forms for df 2, e^(−x/2), and df 4, e^(−x/2)(1 + x/2)", () => {
    for (const x of [0.02, 1, 4, 15, 60]) {
      close(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13);
      close(chiSquareSurvival(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-13);
    }
  });

  it("keeps relative accuracy far in the tail, is 1 at 0 and NaN without degrees of freedom", () => {
    // χ² = 40, df 1: p = erfc(√20) = 2.5396285894708634e-10
    close(chiSquareSurvival(40, 1), 2.5396285894708634e-10, 1e-10);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(5, 0)).toBeNaN();
  });
});

describe("order statistics", () => {
  it("interpolates between neighbours, and is NaN for no values", () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("two-proportion z-test", () => {
  it("matches the hand computation for 4/10 against 2/10", () => {
    // pooled p = 6/20 = 0.3; se = √(0.3 · 0.7 · (1/10 + 1/10)) = √0.042 = 0.2049390153
    // z = (0.4 − 0.2) / 0.2049390153 = 0.9759000729; p = 2(1 − Φ(0.9759)) = 0.3291139860
    const test = twoProportionZTest({ successes: 4, trials: 10 }, { successes: 2, trials: 10 });
    close(test?.z ?? 0, 0.9759000729485332, 1e-12);
    close(test?.pValue ?? 0, 0.3291139859786082, 1e-6);
  });

  it("has nothing to test without variation or without shoppers", () => {
    expect(twoProportionZTest({ successes: 0, trials: 10 }, { successes: 0, trials: 10 })).toBeUndefined();
    expect(twoProportionZTest({ successes: 10, trials: 10 }, { successes: 5, trials: 5 })).toBeUndefined();
    expect(twoProportionZTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeUndefined();
  });
});

describe("relative lift with a 95% interval", () => {
  it("matches the hand computation for 3/10 against 1/10", () => {
    // lift = 0.3/0.1 − 1 = 2 (+200%)
    // se(ln r) = √(1/3 − 1/10 + 1/1 − 1/10) = √1.1333… = 1.0645812948
    // interval = exp(ln 3 ± 1.95996 · 1.06458) − 1 = [−0.627653, 23.170993]
    const lift = relativeLift({ successes: 3, trials: 10 }, { successes: 1, trials: 10 });
    close(lift?.lift ?? 0, 2, 1e-12);
    close(lift?.low ?? 0, -0.6276528674626918, 1e-9);
    close(lift?.high ?? 0, 23.17099317690656, 1e-9);
  });

  it("gives a lift but no interval when the treatment has no successes, and nothing when the control has none", () => {
    expect(relativeLift({ successes: 0, trials: 10 }, { successes: 2, trials: 10 })).toEqual({
      lift: -1,
      low: undefined,
      high: undefined,
    });
    expect(relativeLift({ successes: 2, trials: 10 }, { successes: 0, trials: 10 })).toBeUndefined();
  });
});

describe("Wilson interval", () => {
  it("matches the hand computation for 2/10 and stays inside [0, 1] at 0/10", () => {
    // centre = (0.2 + z²/20) / (1 + z²/10); half = z √(0.016 + z²/400) / (1 + z²/10), z = 1.95996
    const { low, high } = wilsonInterval(2, 10);
    close(low, 0.05668215145437519, 1e-9);
    close(high, 0.5098375284633583, 1e-9);
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    close(zero.high, 0.2775327998628892, 1e-9);
  });
});

describe("sample-ratio mismatch", () => {
  it("flags 600 against 400 on a 50/50 split", () => {
    // expected 500 each: χ² = 100²/500 + 100²/500 = 40, df 1, p = 2.54e-10 < 0.001
    const srm = sampleRatioMismatch([600, 400], [0.5, 0.5]);
    expect(srm?.chiSquare).toBeCloseTo(40, 12);
    expect(srm?.df).toBe(1);
    close(srm?.pValue ?? 1, 2.5396285894708634e-10, 1e-9);
    expect(srm?.mismatch).toBe(true);
  });

  it("does not flag 510 against 490", () => {
    // χ² = 10²/500 · 2 = 0.4, p = 0.527
    const srm = sampleRatioMismatch([510, 490], [0.5, 0.5]);
    expect(srm?.chiSquare).toBeCloseTo(0.4, 12);
    close(srm?.pValue ?? 0, 0.5270892568655381, 1e-9);
    expect(srm?.mismatch).toBe(false);
  });

  it("handles unequal weights and three variants (df 2 has the closed form e^(−χ²/2))", () => {
    // shares 50/25/25 of 1000: expected 500, 250, 250; observed 500, 260, 240
    // χ² = 0 + 100/250 + 100/250 = 0.8; p = e^−0.4 = 0.6703200460
    const srm = sampleRatioMismatch([500, 260, 240], [2, 1, 1]);
    expect(srm?.chiSquare).toBeCloseTo(0.8, 12);
    expect(srm?.df).toBe(2);
    close(srm?.pValue ?? 0, Math.exp(-0.4), 1e-12);
  });

  it("is certain when a variant weighted 0 gets shoppers, and undefined with nobody", () => {
    expect(sampleRatioMismatch([10, 3], [1, 0])?.mismatch).toBe(true);
    expect(sampleRatioMismatch([0, 0], [0.5, 0.5])).toBeUndefined();
  });
});
