/**
 * The experiment report's figures: a small fixed data set against values
 * worked out by hand, the sample-ratio check on a skewed and a balanced split,
 * and the special cases (a control that shows nothing, the holdout, --control).
 * The command itself is in reportCommand.test.ts.
 */
import { describe, expect, it } from "vitest";
import { NOW } from "./cliHarness";
import { FIXED, analyze, convert, expose, ids, near } from "./reportEvents";

describe("report figures for the fixed data set", () => {
  const report = analyze(FIXED, [], { method: "fixed-horizon" });
  const experiment = report.experiments[0];
  const control = experiment?.variants.find((variant) => variant.variant === "control");
  const warm = experiment?.variants.find((variant) => variant.variant === "warm");

  it("counts exposed shoppers, exposures and the shoppers who clicked or converted", () => {
    expect(experiment?.control).toBe("control");
    expect(experiment?.controlReason).toBe('the variant named "control"');
    expect(control).toMatchObject({ exposed: 10, exposures: 11, isControl: true });
    expect(control?.ctr).toMatchObject({ successes: 2, trials: 10, rate: 0.2 });
    expect(control?.conversion).toMatchObject({ successes: 1, trials: 10, rate: 0.1 });
    expect(warm).toMatchObject({ exposed: 10, exposures: 10, isControl: false, expectedShare: 0.5 });
    expect(warm?.ctr).toMatchObject({ successes: 4, trials: 10, rate: 0.4 });
    expect(warm?.conversion).toMatchObject({ successes: 3, trials: 10, rate: 0.3 });
  });

  it("computes the fixed-horizon click-through lift, its interval and p-value as by hand", () => {
    // lift = 0.4 / 0.2 − 1 = 1 (+100%)
    // se(ln r) = √(1/4 − 1/10 + 1/2 − 1/10) = √0.55 = 0.7416198487
    // interval = exp(ln 2 ± 1.959964 · 0.7416198) − 1 = [−0.5325211, 7.5565355]
    // pooled p = 6/20 = 0.3; z = 0.2 / √(0.3 · 0.7 · 0.2) = 0.9759001; p = 0.3291140
    const versus = warm?.ctrVsControl;
    near(versus?.lift?.estimate, 1);
    near(versus?.lift?.low, -0.5325210757701275);
    near(versus?.lift?.high, 7.556535477165358);
    near(versus?.z, 0.9759000729485332);
    near(versus?.unadjustedPValue, 0.3291139859786082);
  });

  it("computes the fixed-horizon conversion lift, its interval and p-value as by hand", () => {
    // lift = 0.3 / 0.1 − 1 = 2 (+200%)
    // se(ln r) = √(1/3 − 1/10 + 1 − 1/10) = 1.0645812948
    // interval = exp(ln 3 ± 1.959964 · 1.0645813) − 1 = [−0.6276529, 23.1709932]
    // pooled p = 4/20 = 0.2; z = 0.2 / √(0.2 · 0.8 · 0.2) = 1.1180340; p = 0.2635525
    const versus = warm?.conversionVsControl;
    near(versus?.lift?.estimate, 2);
    near(versus?.lift?.low, -0.6276528674626918);
    near(versus?.lift?.high, 23.17099317690656);
    near(versus?.z, 1.1180339887498947);
    near(versus?.unadjustedPValue, 0.2635524772829728);
  });

  it("gives each rate its 95% Wilson interval", () => {
    // 2/10: [0.0566822, 0.5098375]; 3/10: centre (0.3 + z²/20)/(1 + z²/10) ± …
    near(control?.ctr.low, 0.05668215145437519);
    near(control?.ctr.high, 0.5098375284633583);
  });

  it("finds no sample-ratio mismatch in a 10/10 split of a 50/50 experiment", () => {
    // χ² = 0²/10 + 0²/10 = 0, df 1, p = 1
    expect(experiment?.srm).toEqual({ chiSquare: 0, df: 1, pValue: 1, mismatch: false });
    expect(experiment?.notes).toEqual([]);
  });

  it("reports a rule outside experiments by its click-through rate only", () => {
    // 1 of 5 exposed shoppers clicked: 20%
    expect(report.rules).toEqual([
      expect.objectContaining({ rule: "product-companions", exposed: 5, exposures: 5, clicks: 1 }),
    ]);
    expect(report.rules[0]?.ctr.rate).toBe(0.2);
  });
});

describe("sample-ratio mismatch", () => {
  const split = (control: number, warm: number) => [
    ...Array.from({ length: control }, (_, i) => expose("split", "control", `c${i}`)),
    ...Array.from({ length: warm }, (_, i) => expose("split", "warm", `w${i}`)),
  ];

  it("is detected on a skewed split: 600 against 400 on 50/50", () => {
    // χ² = (600 − 500)²/500 + (400 − 500)²/500 = 40, df 1, p = 2.5e−10 < 0.001
    const [experiment] = analyze(split(600, 400)).experiments;
    expect(experiment?.srm?.mismatch).toBe(true);
    expect(experiment?.srm?.chiSquare).toBeCloseTo(40, 10);
    expect(experiment?.notes[0]).toBe(
      "SAMPLE RATIO MISMATCH (p = 2.5e-10): exposed shoppers control 600, warm 400 do not match the weights; " +
        "do not trust these figures until the cause is found",
    );
  });

  it("is not reported on a balanced one: 510 against 490", () => {
    // χ² = 10²/500 · 2 = 0.4, p = 0.527
    const [experiment] = analyze(split(510, 490)).experiments;
    expect(experiment?.srm?.mismatch).toBe(false);
    expect(experiment?.srm?.pValue).toBeCloseTo(0.5270892568655381, 9);
    expect(experiment?.notes).toEqual([]);
  });

  it("counts a variant that never shows up as an empty cell", () => {
    // Only control (share 0.5) appears: 100 observed against 50/50 of 100 → χ² = 50²/50 · 2 = 100
    const [experiment] = analyze(Array.from({ length: 100 }, (_, i) => expose("lone", "control", `c${i}`))).experiments;
    expect(experiment?.srm?.chiSquare).toBeCloseTo(100, 10);
    expect(experiment?.srm?.mismatch).toBe(true);
    expect(experiment?.notes).toContain("variants expected to get 50% of shoppers never appear in the events");
  });
});

describe("special cases", () => {
  it("does not compare clicks with a control that shows nothing, but still counts its conversions", () => {
    const lines = [
      ...ids("c", 4).map((shopper) => expose("bare", "control", shopper, { shown: false, items: 0 })),
      ...ids("w", 4).map((shopper) => expose("bare", "warm", shopper)),
      convert("bare", "control", "c01"),
      convert("bare", "warm", "w01"),
      convert("bare", "warm", "w02"),
    ];
    const [experiment] = analyze(lines).experiments;
    const warm = experiment?.variants.find((variant) => variant.variant === "warm");
    expect(experiment?.compareClicks).toBe(false);
    expect(warm?.ctrVsControl).toBeUndefined();
    expect(warm?.conversionVsControl?.lift?.estimate).toBeCloseTo(1, 12); // 2/4 against 1/4
    expect(experiment?.notes).toContain(
      'the control "control" shows nothing, so it has no clicks: click-through is not compared',
    );
  });

  it("treats the holdout as an experiment without a block, its control the holdout", () => {
    const lines = [
      ...ids("h", 3).map((shopper) => expose("program", "holdout", shopper, { rule: "", share: 0.1, shown: false })),
      ...ids("p", 27).map((shopper) => expose("program", "personalized", shopper, { rule: "", share: 0.9 })),
    ];
    const [experiment] = analyze(lines).experiments;
    expect(experiment?.control).toBe("holdout");
    expect(experiment?.notes).toContain("no block carries this experiment (a holdout): click-through does not apply");
    expect(experiment?.srm?.mismatch).toBe(false); // 3/27 against 10%/90% is exact
  });

  it("takes the control from --control, for all experiments or for one", () => {
    expect(analyze(FIXED, ["warm"]).experiments[0]?.control).toBe("warm");
    expect(analyze(FIXED, ["home-heading=warm"]).experiments[0]?.controlReason).toBe("--control");
    const noNamedControl = analyze([expose("ab", "b", "s1"), expose("ab", "a", "s2")]).experiments[0];
    expect(noNamedControl?.control).toBe("a");
    expect(noNamedControl?.controlReason).toBe(
      'first alphabetically (no variant is named "control"; choose one with --control)',
    );
  });

  it("notes shoppers seen in two variants and shares that moved", () => {
    const lines = [
      expose("moved", "control", "s1"),
      expose("moved", "warm", "s1", { share: 0.3, ts: NOW - 10 }),
      expose("moved", "warm", "s2", { share: 0.5, ts: NOW - 100 }),
    ];
    const [experiment] = analyze(lines).experiments;
    expect(experiment?.notes).toContain("1 shoppers were exposed to more than one variant (counted in each)");
    expect(experiment?.notes).toContain(
      "the shares moved while it ran (warm: 30%, 50%), as a bandit's do: " +
        "the sample ratio is not checked, as there is no one split to check it against",
    );
    expect(experiment?.srm).toBeUndefined();
    expect(experiment?.variants.find((variant) => variant.variant === "warm")?.expectedShare).toBe(0.3);
  });
});
