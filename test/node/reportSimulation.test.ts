/**
 * Proof by simulation that the report's calls can be trusted while testers
 * peek. Experiments are simulated in the events format (the Worker's log
 * lines, read back by the report's own reader) and each is read as
 * `tact report --until <end of day>` reads it, at the end of each of its ten
 * days. An experiment counts as called if any look shows `significant` on any
 * metric (CTR and conversion are both compared, Holm-adjusted).
 *
 * - A/A, 200 experiments of 2,000 shoppers, confidence sequences tuned for
 *   2,000 (the tuning that calls soonest there): the share with a false call must
 *   stay at or under 5%, judged by its upper 95% Clopper–Pearson bound, so the
 *   simulation's own noise cannot let a worse method pass. The fixed-horizon
 *   test read the same way is shown to fail that bar: the check has teeth.
 * - A/B, 100 experiments of 4,000 shoppers with a planted +50% click-through
 *   lift (10% → 15%), confidence sequences tuned for 4,000 shoppers: the lift
 *   is found in at least 80% of them (the stated power), judged by the lower
 *   bound.
 *
 * Seeded, so the figures are the same on every run. The Bayesian view is left
 * out here: it takes no decision, and its quadrature costs time.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, analyzeEvents, parseControls } from "../../tools/report/analyzeEvents";
import type { AnalysisOptions } from "../../tools/report/compareToControl";
import type { EventRow } from "../../tools/report/EventRow";
import { EventTally } from "../../tools/report/EventTally";
import { readEventText } from "../../tools/report/readEventLines";
import { betaQuantile } from "../../tools/shared/statistics";
import { type SimulatedVariant, asLog, seededUniform, simulateExperiment } from "../support/simulateExperiment";

const DAYS = 10;
const START = 1_795_435_200;

interface Peeked {
  /** Some look called some comparison significant. */
  readonly anyCall: boolean;
  /** Some look called click-through significantly better. */
  readonly ctrBetter: boolean;
}

/** Reads one simulated experiment at the end of each day, as --until would, once per method asked. */
function peekDaily(
  variants: readonly SimulatedVariant[],
  shoppers: number,
  uniform: () => number,
  methods: readonly AnalysisOptions[],
): Peeked[] {
  const spec = { experiment: "sim", rule: "sim-rule", variants, shoppers, days: DAYS, start: START };
  const rows: EventRow[] = [];
  readEventText(asLog(simulateExperiment(spec, uniform)), (row) => rows.push(row));
  const tally = new EventTally();
  const seen = methods.map(() => ({ anyCall: false, ctrBetter: false }));
  let next = 0;
  for (let day = 1; day <= DAYS; day++) {
    const until = START + day * 86_400;
    for (; next < rows.length && (rows[next]?.ts ?? 0) < until; next++) tally.add(rows[next]!);
    const counted = tally.result();
    methods.forEach((options, index) => {
      const [experiment] = analyzeEvents(counted, parseControls([]), options).experiments;
      const { ctrVsControl: ctr, conversionVsControl: conversion } =
        experiment?.variants.find((variant) => !variant.isControl) ?? {};
      const now = seen[index]!;
      now.anyCall ||= ctr?.significant === true || conversion?.significant === true;
      now.ctrBetter ||= ctr?.significant === true && ctr.direction === "better";
    });
  }
  return seen;
}

/** Clopper–Pearson bounds of x/n, each one-sided at 97.5%. */
const upperBound = (x: number, n: number) => (x === n ? 1 : betaQuantile(0.975, x + 1, n - x));
const lowerBound = (x: number, n: number) => (x === 0 ? 0 : betaQuantile(0.025, x, n - x + 1));
const share = (x: number, n: number) => `${x}/${n} = ${((100 * x) / n).toFixed(1)}%`;

const ALWAYS_VALID: AnalysisOptions = { ...DEFAULT_OPTIONS, bayesian: false };
const FIXED_HORIZON: AnalysisOptions = { ...ALWAYS_VALID, method: "fixed-horizon" };

describe("the report's calls under daily peeking (simulation)", () => {
  it("calls at most 5% of A/A experiments significant at any of 10 looks", { timeout: 180_000 }, () => {
    const uniform = seededUniform(2101);
    const arms: SimulatedVariant[] = [
      { id: "control", share: 50, ctr: 0.1, conversion: 0.05 },
      { id: "warm", share: 50, ctr: 0.1, conversion: 0.05 },
    ];
    const runs = 200;
    const calls = [0, 0];
    for (let i = 0; i < runs; i++) {
      peekDaily(arms, 2000, uniform, [{ ...ALWAYS_VALID, tunedFor: 2000 }, FIXED_HORIZON]).forEach((seen, index) => {
        if (seen.anyCall) calls[index]!++;
      });
    }
    const [valid = 0, fixed = 0] = calls;
    console.log(
      `A/A, 10 looks: always-valid ${share(valid, runs)} (upper bound ${upperBound(valid, runs).toFixed(3)}), ` +
        `fixed-horizon ${share(fixed, runs)} (lower bound ${lowerBound(fixed, runs).toFixed(3)})`,
    );
    expect(upperBound(valid, runs)).toBeLessThanOrEqual(0.05);
    expect(lowerBound(fixed, runs)).toBeGreaterThan(0.05);
  });

  it("finds a planted +50% click-through lift in at least 80% of experiments", { timeout: 180_000 }, () => {
    const uniform = seededUniform(2102);
    const arms: SimulatedVariant[] = [
      { id: "control", share: 50, ctr: 0.1, conversion: 0.05 },
      { id: "warm", share: 50, ctr: 0.15, conversion: 0.05 },
    ];
    const runs = 100;
    const tuned = { ...ALWAYS_VALID, tunedFor: 4000 };
    let found = 0;
    let fixedFound = 0;
    for (let i = 0; i < runs; i++) {
      const [valid, fixed] = peekDaily(arms, 4000, uniform, [tuned, FIXED_HORIZON]);
      if (valid?.ctrBetter) found++;
      if (fixed?.ctrBetter) fixedFound++;
    }
    console.log(
      `A/B +50% CTR, 10 looks: always-valid finds it in ${share(found, runs)} ` +
        `(lower bound ${lowerBound(found, runs).toFixed(3)}); fixed-horizon, peeking, in ${share(fixedFound, runs)}`,
    );
    expect(lowerBound(found, runs)).toBeGreaterThanOrEqual(0.8);
  });
});
