/**
 * The report on a bandit's events: each shopper's events carry the share of
 * the cohort they were placed in, so the shares move while it runs. The
 * sample ratio is then not checked against any one split, and no call is made
 * from the pooled counts; with one cohort, the check uses the shares in force.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, analyzeEvents, parseControls } from "../../tools/report/analyzeEvents";
import { EventTally } from "../../tools/report/EventTally";
import { formatTextReport } from "../../tools/report/formatTextReport";
import { readEventText } from "../../tools/report/readEventLines";
import { renderHtmlReport } from "../../tools/report/renderHtmlReport";
import { type EventRecord, asLog } from "../support/simulateExperiment";
import { NOW } from "./cliHarness";

/** n shoppers of one variant placed with `share`, the first `clicks` clicking and `conversions` converting. */
function cohort(variant: string, share: number, n: number, clicks: number, conversions: number, from: number) {
  const records: EventRecord[] = [];
  for (let i = 0; i < n; i++) {
    const common = {
      level: "info",
      event: "tact.event",
      experiment: "b",
      variant,
      shopper: `${variant}-${share}-${i}`,
    };
    const ts = from + i;
    records.push({ ...common, type: "exposure", rule: "r", share, shown: true, ts });
    if (i < clicks) records.push({ ...common, type: "click", rule: "r", ts: ts + 1 });
    if (i < conversions) records.push({ ...common, type: "conversion", share, ts: ts + 2 });
  }
  return records;
}

function analyze(records: readonly EventRecord[]) {
  const tally = new EventTally();
  readEventText(asLog(records), (row) => tally.add(row));
  return analyzeEvents(tally.result(), parseControls([]), DEFAULT_OPTIONS);
}

const EARLY = NOW - 2 * 86_400;
const LATE = NOW - 86_400;
// Written 50/50; after one reweighting the bandit sends 80% to warm, which converts far better.
const FIRST = [...cohort("control", 0.5, 1000, 100, 50, EARLY), ...cohort("warm", 0.5, 1000, 150, 90, EARLY)];
const SECOND = [...cohort("control", 0.2, 400, 40, 12, LATE), ...cohort("warm", 0.8, 1600, 240, 160, LATE)];

describe("the report on a bandit", () => {
  it("checks no sample ratio and makes no call when the shares moved, and says why", () => {
    const report = analyze([...FIRST, ...SECOND]);
    const [experiment] = report.experiments;
    expect(experiment?.sharesMoved).toBe(true);
    expect(experiment?.srm).toBeUndefined();
    expect(experiment?.notes).toContain(
      "the shares moved while it ran (control: 20%, 50%; warm: 50%, 80%), as a bandit's do: " +
        "the sample ratio is not checked, as there is no one split to check it against",
    );
    // The difference is clear, yet the pooled comparison is no test of it.
    expect(experiment?.variants[1]?.conversionVsControl?.significant).toBe(true);
    expect(experiment?.verdict).toEqual({
      call: "withheld",
      variant: undefined,
      text: "no call: the shares moved while it ran (a bandit, or edited weights), and the tests assume one split throughout",
    });
    expect(formatTextReport(report, "test")).toContain("  sample ratio: not checked, the shares moved (see the note)");
    expect(renderHtmlReport(report, { source: "test", generatedAt: NOW })).toContain(
      "<p>Sample ratio: not checked, the shares moved (see the note).</p>",
    );
  });

  it("would have cried mismatch against the latest shares alone", () => {
    // The same shoppers, all stamped with the second cohort's shares: 1,400 / 2,600 against 20/80.
    const latest = [...FIRST, ...SECOND].map((record) =>
      "share" in record ? { ...record, share: record["variant"] === "warm" ? 0.8 : 0.2 } : record,
    );
    const [experiment] = analyze(latest).experiments;
    expect(experiment?.sharesMoved).toBe(false);
    expect(experiment?.srm?.mismatch).toBe(true);
  });

  it("checks the sample ratio against the shares in force when every shopper has the same ones", () => {
    const [experiment] = analyze(SECOND).experiments;
    expect(experiment?.sharesMoved).toBe(false);
    expect(experiment?.srm).toMatchObject({ chiSquare: 0, mismatch: false });
    expect(experiment?.verdict).toMatchObject({ call: "winner", variant: "warm" });
  });
});
