/**
 * The report's decisions on counts chosen to leave no doubt: a clear winner,
 * a winner withheld while the sample ratio fails, a guardrail that blocks a
 * winner, Holm across variants, the holdout as one cumulative comparison, and
 * the command's --until, --json and options.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, analyzeEvents, parseControls } from "../../tools/report/analyzeEvents";
import type { AnalysisOptions } from "../../tools/report/compareToControl";
import { EventTally } from "../../tools/report/EventTally";
import { readEventText } from "../../tools/report/readEventLines";
import { type EventRecord, asLog, seededUniform, simulateExperiment } from "../support/simulateExperiment";
import { NOW, runCli, scratchDir, writeJson } from "./cliHarness";

/** n shoppers of one variant, the first `clicks` clicking and the first `conversions` converting. */
function arm(experiment: string, variant: string, n: number, clicks: number, conversions: number, share = 0.5) {
  const records: EventRecord[] = [];
  for (let i = 0; i < n; i++) {
    const common = { level: "info", event: "tact.event", experiment, variant, shopper: `${variant}-${i}` };
    const ts = NOW - 86_400 + i;
    records.push({ ...common, type: "exposure", rule: "r", share, shown: true, ts });
    if (i < clicks) records.push({ ...common, type: "click", rule: "r", ts: ts + 1 });
    if (i < conversions) records.push({ ...common, type: "conversion", share, ts: ts + 2 });
  }
  return records;
}

function analyze(records: readonly EventRecord[], options: Partial<AnalysisOptions> = {}) {
  const tally = new EventTally();
  readEventText(asLog(records), (row) => tally.add(row));
  return analyzeEvents(tally.result(), parseControls([]), { ...DEFAULT_OPTIONS, ...options });
}

describe("the call", () => {
  it("names a winner on the primary metric when its always-valid p is below 0.05", () => {
    const [experiment] = analyze([
      ...arm("e", "control", 3000, 300, 150),
      ...arm("e", "warm", 3000, 450, 210),
    ]).experiments;
    const warm = experiment?.variants.find((variant) => variant.variant === "warm");
    expect(warm?.conversionVsControl).toMatchObject({ method: "always-valid", significant: true, direction: "better" });
    expect(warm?.conversionVsControl?.pValue).toBeLessThan(0.05);
    expect(warm?.conversionVsControl?.bayes?.probabilityBetter).toBeGreaterThan(0.99);
    expect(experiment?.verdict).toEqual({ call: "winner", variant: "warm", text: "warm wins on conversion" });
  });

  it("withholds the call while the sample ratio fails, however clear the difference", () => {
    const [experiment] = analyze([
      ...arm("e", "control", 3000, 300, 150),
      ...arm("e", "warm", 3600, 540, 252),
    ]).experiments;
    expect(experiment?.srm?.mismatch).toBe(true);
    expect(experiment?.variants[1]?.conversionVsControl?.significant).toBe(true);
    expect(experiment?.verdict.call).toBe("withheld");
  });

  it("calls no winner when a guardrail gets worse", () => {
    // CTR up from 10% to 15%, conversion down from 5% to 3%.
    const records = [...arm("e", "control", 3000, 300, 150), ...arm("e", "warm", 3000, 450, 90)];
    const [experiment] = analyze(records, { primary: "ctr", guardrails: ["conversion"] }).experiments;
    const warm = experiment?.variants.find((variant) => variant.variant === "warm");
    expect(warm?.ctrVsControl?.direction).toBe("better");
    expect(warm?.conversionVsControl).toMatchObject({ guardrail: true, breached: true });
    expect(experiment?.verdict.call).toBe("none");
    expect(experiment?.verdict.text).toBe(
      "warm is better on click-through but makes conversion worse (guardrail): no winner",
    );
    // Without the guardrail the same counts make a winner on CTR.
    expect(analyze(records, { primary: "ctr" }).experiments[0]?.verdict.call).toBe("winner");
  });

  it("adjusts across variants and metrics (Holm), so more variants need more evidence", () => {
    const two = analyze([...arm("e", "control", 2000, 200, 100), ...arm("e", "a", 2000, 262, 100)], {
      method: "fixed-horizon",
    }).experiments[0];
    const raw = two?.variants.find((variant) => variant.variant === "a")?.ctrVsControl;
    // Two comparisons (CTR and conversion): the smaller p is doubled.
    expect(raw?.pValue).toBeCloseTo(2 * (raw?.unadjustedPValue ?? 0), 12);
    expect(raw?.unadjustedPValue).toBeLessThan(0.05);
    const records = [
      ...arm("e", "control", 2000, 200, 100, 0.25),
      ...["a", "b", "c"].flatMap((id) => arm("e", id, 2000, id === "a" ? 262 : 200, 100, 0.25)),
    ];
    const four = analyze(records, { method: "fixed-horizon" }).experiments[0];
    const a = four?.variants.find((variant) => variant.variant === "a")?.ctrVsControl;
    expect(a?.unadjustedPValue).toBeCloseTo(raw?.unadjustedPValue ?? 0, 12);
    expect(a?.pValue).toBeCloseTo(6 * (a?.unadjustedPValue ?? 0), 12);
  });
});

describe("the program holdout", () => {
  it("is one comparison, personalized against held out, over the whole period read", () => {
    const records = simulateExperiment(
      {
        experiment: "program-2026",
        rule: "",
        shoppers: 4000,
        days: 28,
        start: NOW - 28 * 86_400,
        variants: [
          { id: "holdout", share: 10, ctr: 0, conversion: 0.05, hidden: true },
          { id: "personalized", share: 90, ctr: 0, conversion: 0.05 },
        ],
      },
      seededUniform(7),
    );
    const [holdout] = analyze(records).experiments;
    expect(holdout).toMatchObject({ holdout: true, control: "holdout", compareClicks: false });
    expect(holdout?.period?.from).toBeGreaterThanOrEqual(NOW - 28 * 86_400);
    expect(holdout?.period?.to).toBeLessThan(NOW + 300);
    const comparisons = holdout?.variants.flatMap((variant) =>
      [variant.ctrVsControl, variant.conversionVsControl].filter(Boolean),
    );
    expect(comparisons).toHaveLength(1);
    expect(holdout?.verdict.text).toMatch(/personaliz/);
  });
});

describe("tact report on a simulated log", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it("reads up to --until, and states significant and pValue for every comparison in --json", async () => {
    const records = simulateExperiment(
      {
        experiment: "e",
        rule: "r",
        shoppers: 3000,
        days: 10,
        start: NOW - 10 * 86_400,
        variants: [
          { id: "control", share: 50, ctr: 0.1, conversion: 0.05 },
          { id: "warm", share: 50, ctr: 0.2, conversion: 0.05 },
        ],
      },
      seededUniform(11),
    );
    await writeJson(dir, "sim.jsonl", asLog(records));
    const read = async (args: string[]) =>
      JSON.parse(
        (await runCli(["report", "--events", "sim.jsonl", "--json", "--no-html", ...args], { cwd: dir })).out.join(
          "\n",
        ),
      );
    const day1 = await read(["--until", "9d"]);
    const all = await read([]);
    const shoppers = (report: { experiments: { variants: { exposed: number }[] }[] }) =>
      report.experiments[0]!.variants.reduce((sum, variant) => sum + variant.exposed, 0);
    expect(shoppers(day1)).toBeGreaterThan(0);
    expect(shoppers(day1)).toBeLessThan(shoppers(all) / 5);
    expect(shoppers(all)).toBe(3000);
    const ctr = all.experiments[0].variants[1].ctrVsControl;
    expect(ctr).toMatchObject({ method: "always-valid", significant: true, direction: "better" });
    expect(typeof ctr.pValue).toBe("number");
    expect(all.experiments[0].variants[1].conversionVsControl).toHaveProperty("significant");
  });

  it("refuses unknown metrics and tunings", async () => {
    const bad = await runCli(["report", "--events", "sim.jsonl", "--guardrail", "revenue"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toBe('error: --guardrail "revenue": the metrics are ctr and conversion');
    const tuned = await runCli(["report", "--events", "sim.jsonl", "--tuned-for", "many"], { cwd: dir });
    expect(tuned.err[0]).toBe('error: --tuned-for "many" is not a positive whole number of shoppers');
  });
});
