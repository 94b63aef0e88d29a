/**
 * The experiment report: figures for a small fixed data set against values
 * worked out by hand, the sample-ratio check on a skewed and a balanced split,
 * the special cases (a control that shows nothing, the holdout, --control),
 * the HTML file, and Analytics Engine through an injected fetch (there is no
 * network here; the request and the answer's handling are what is tested).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, analyzeEvents, parseControls } from "../../tools/report/analyzeEvents";
import type { AnalysisOptions } from "../../tools/report/compareToControl";
import type { EventRow } from "../../tools/report/EventRow";
import { EventTally } from "../../tools/report/EventTally";
import { eventsSql } from "../../tools/report/queryAnalyticsEngine";
import { NOW, runCli, scratchDir, writeJson } from "./cliHarness";

type Line = Record<string, unknown>;

/** One Worker log line (src/edges/events/emitEvents.ts). */
function line(type: string, fields: Line): Line {
  return { level: "info", event: "tact.event", type, ts: NOW - 3600, path: "/", ...fields };
}
const expose = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("exposure", { rule: "home-for-you", experiment, variant, share: 0.5, shown: true, items: 4, shopper, ...extra });
const clickOn = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("click", { rule: "home-for-you", experiment, variant, item: "p07", shopper, ...extra });
const convert = (experiment: string, variant: string, shopper: string, extra: Line = {}) =>
  line("conversion", { experiment, variant, share: 0.5, shopper, path: "/checkout/complete", ...extra });
const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);

/**
 * The fixed data set, experiment "home-heading" (50/50), rule "home-for-you":
 *
 *   control: c01…c10 exposed (c01 twice: 11 exposures, 10 shoppers)
 *            clicks by c01, c02, and by x99, who was never exposed (not counted)
 *            conversions by c01, and by y98, never exposed (not counted)
 *   warm:    w01…w10 exposed (10 exposures)
 *            clicks by w01 (twice), w02, w03, w04: 4 shoppers
 *            conversions by w01, w02, w03
 *   outside any experiment: rule "product-companions" shown to p01…p05, clicked by p01
 */
const FIXED: Line[] = [
  ...ids("c", 10).map((shopper) => expose("home-heading", "control", shopper)),
  expose("home-heading", "control", "c01"),
  ...ids("w", 10).map((shopper) => expose("home-heading", "warm", shopper)),
  clickOn("home-heading", "control", "c01"),
  clickOn("home-heading", "control", "c02"),
  clickOn("home-heading", "control", "x99"),
  clickOn("home-heading", "warm", "w01"),
  clickOn("home-heading", "warm", "w01"),
  clickOn("home-heading", "warm", "w02"),
  clickOn("home-heading", "warm", "w03"),
  clickOn("home-heading", "warm", "w04"),
  convert("home-heading", "control", "c01"),
  convert("home-heading", "control", "y98"),
  convert("home-heading", "warm", "w01"),
  convert("home-heading", "warm", "w02"),
  convert("home-heading", "warm", "w03"),
  ...ids("p", 5).map((shopper) =>
    line("exposure", {
      rule: "product-companions",
      experiment: "",
      variant: "",
      share: 1,
      shown: true,
      items: 4,
      shopper,
    }),
  ),
  line("click", { rule: "product-companions", experiment: "", variant: "", item: "p02", shopper: "p01" }),
];

function analyze(lines: readonly Line[], controls: string[] = [], options: Partial<AnalysisOptions> = {}) {
  const tally = new EventTally();
  for (const record of lines) {
    const { level: _level, event: _event, items: _items, item: _item, path: _path, ...row } = record;
    tally.add({ rule: "", experiment: "", variant: "", count: 1, weight: 1, ...row } as EventRow);
  }
  return analyzeEvents(tally.result(), parseControls(controls), { ...DEFAULT_OPTIONS, ...options });
}

const jsonl = (lines: readonly Line[]) => `${lines.map((record) => JSON.stringify(record)).join("\n")}\n`;

/** |actual − expected| ≤ 1e-9 · |expected|. */
const near = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-6);

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

describe("npm run rules -- report", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it("prints the figures for a dev log and writes a self-contained HTML report", async () => {
    const devLog = [
      "[shop] [wrangler:info] Ready on http://127.0.0.1:8788",
      ...FIXED.map((record) => `[tact] ${JSON.stringify(record)}`),
      "[tact] [wrangler:info] GET / 200 OK (12ms)",
      ...["/", "/p/1"].map(
        (path) => `[tact] ${JSON.stringify({ level: "info", event: "bot.page", via: "user-agent", path })}`,
      ),
    ].join("\n");
    await writeJson(dir, "dev.log", devLog);
    const run = await runCli(["report", "--events", "dev.log"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.err).toEqual(["wrote tact-report.html"]);
    expect(run.out).toEqual([
      "tact experiment report",
      "events: dev.log (44 lines, 40 events); 2 bot page views left out (bot.page lines)",
      "method: always-valid: mSPRT p-values and 95% confidence sequences (tuned for 10,000 shoppers), valid however often the report is read",
      "",
      "experiment home-heading  (rule home-for-you)",
      'control: control, the variant named "control"',
      "  variant  expected  shoppers  exposures  clicked    CTR  converted  conversion",
      "  control     50.0%        10         11        2  20.0%          1       10.0%",
      "  warm        50.0%        10         10        4  40.0%          3       30.0%",
      "",
      "  warm vs control     lift  95% CS               difference  95% CS                    p (Holm)  decision         P(better)  loss if chosen",
      "  CTR              +100.0%  [−100.0%, > +1000%]   +20.0 pts  [−100.0 pts, +100.0 pts]     1.000  not significant      81.9%         1.9 pts",
      "  conversion       +200.0%  [−100.0%, > +1000%]   +20.0 pts  [−100.0 pts, +100.0 pts]     1.000  not significant      84.5%         1.4 pts",
      "",
      "  call: no winner yet: keep it running and read again whenever you like",
      "  sample ratio: χ² = 0.00, df = 1, p = 1.000: ok",
      "",
      "rules outside experiments (click-through only)",
      "  rule                shoppers  exposures  clicked    CTR",
      "  product-companions         5          5        1  20.0%",
      "",
      "shoppers: unique shoppers exposed; CTR and conversion are per exposed shopper; lift and difference are against",
      "the control; p is adjusted (Holm) across the experiment's variants and metrics; P(better) and the loss if",
      "chosen come from Beta(1 + successes, 1 + failures) posteriors. How to read each figure: docs/experiments.md.",
    ]);

    // The fixed-horizon test, on request, says what it is and gives the classic figures (by hand above);
    // Holm across the two metrics: CTR p = max(2 · 0.2636, 0.3291) = 0.527.
    const fixed = await runCli(["report", "--events", "dev.log", "--fixed-horizon", "--no-html"], { cwd: dir });
    expect(fixed.out[2]).toBe(
      "method: FIXED-HORIZON z-test and 95% intervals: valid only when read once, at a sample size fixed in advance",
    );
    expect(fixed.out[11]).toMatch(/^ {2}CTR +\+100\.0% +\[−53\.3%, \+755\.7%\] .* 0\.527 +not significant/);
    const json = JSON.parse(
      (
        await runCli(["report", "--events", "dev.log", "--fixed-horizon", "--json", "--no-html"], { cwd: dir })
      ).out.join("\n"),
    );
    expect(json.options.method).toBe("fixed-horizon");
    expect(json.botPages).toBe(2);
    // Those lines carry no time: --since cannot count them out, and the report says so.
    const since = await runCli(["report", "--events", "dev.log", "--since", "30d", "--no-html"], { cwd: dir });
    expect(since.out[1]).toBe(
      "events: dev.log (44 lines, 40 events); 2 bot page views left out (bot.page lines, in the whole files)",
    );
    expect(json.experiments[0].variants[1].ctrVsControl).toMatchObject({ method: "fixed-horizon", significant: false });

    const html = await readFile(join(dir, "tact-report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).toContain("Experiment home-heading");
    expect(html).toContain("+100.0%");
    // Readable offline: nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\b(?:src|href)=|url\(|@import|https?:\/\//i);
  });

  it("reads the same figures from wrangler tail output", async () => {
    const tail = FIXED.map((record) =>
      JSON.stringify(
        { outcome: "ok", scriptName: "tact", logs: [{ message: [JSON.stringify(record)], level: "log" }] },
        null,
        4,
      ),
    ).join("\n");
    await writeJson(dir, "tail.json", tail);
    const run = await runCli(["report", "--events", "tail.json", "--json", "--no-html"], { cwd: dir });
    const fromTail = JSON.parse(run.out.join("\n"));
    await writeJson(dir, "plain.jsonl", jsonl(FIXED));
    const plain = JSON.parse(
      (await runCli(["report", "--events", "plain.jsonl", "--json", "--no-html"], { cwd: dir })).out.join("\n"),
    );
    expect(fromTail.experiments).toEqual(plain.experiments);
    expect(fromTail.rules).toEqual(plain.rules);
  });

  it("escapes whatever the events carry", async () => {
    await writeJson(dir, "evil.jsonl", jsonl([expose("<img src=x onerror=alert(1)>", "control", "s1")]));
    const run = await runCli(["report", "--events", "evil.jsonl", "--html", "evil.html"], { cwd: dir });
    expect(run.code).toBe(0);
    const html = await readFile(join(dir, "evil.html"), "utf8");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("keeps only events from --since on", async () => {
    await writeJson(
      dir,
      "old.jsonl",
      jsonl([expose("dated", "control", "old", { ts: NOW - 10 * 86_400 }), expose("dated", "control", "new")]),
    );
    const run = await runCli(["report", "--events", "old.jsonl", "--since", "7d", "--json", "--no-html"], { cwd: dir });
    expect(JSON.parse(run.out.join("\n")).experiments[0].variants[0].exposed).toBe(1);
  });

  it("fails plainly without events, and without a source", async () => {
    await writeJson(dir, "empty.log", "[tact] nothing to see\n");
    const empty = await runCli(["report", "--events", "empty.log"], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.err[0]).toBe(
      "error: no tact events found in empty.log (1 lines, 0 events); 0 bot page views left out (bot.page lines)",
    );
    const missing = await runCli(["report", "--events", "nope.log"], { cwd: dir });
    expect(missing.err[0]).toBe("error: nope.log: no such file");
    const nowhere = await runCli(["report"], { cwd: dir });
    expect(nowhere.code).toBe(2);
    expect(nowhere.err[0]).toBe(
      "error: give --events FILE (a log), or set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN to read Analytics Engine",
    );
  });
});

describe("Analytics Engine (through an injected fetch; no network here)", () => {
  const env = { CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef", CLOUDFLARE_API_TOKEN: "token-123" };

  /** The fixed data set as the grouped query returns it: one row per type, rule, experiment, variant, shopper. */
  function groupedRows(sampleInterval = 1): Record<string, unknown>[] {
    const groups = new Map<string, Record<string, unknown>>();
    for (const record of FIXED) {
      const key = [
        record["type"],
        record["rule"] ?? "",
        record["experiment"],
        record["variant"],
        record["shopper"],
      ].join("|");
      const row = groups.get(key) ?? {
        type: record["type"],
        rule: record["type"] === "conversion" ? "" : record["rule"],
        experiment: record["experiment"],
        variant: record["variant"],
        shopper: record["shopper"],
        share: record["type"] === "click" ? 0 : record["share"],
        shown: record["type"] === "exposure" ? 1 : 0,
        events: "0",
        stored: "0",
      };
      row["events"] = String(Number(row["events"]) + sampleInterval);
      row["stored"] = String(Number(row["stored"]) + 1);
      groups.set(key, row);
    }
    return [...groups.values()];
  }

  it("posts the SQL with the token and reads the rows into the same figures", async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests.push({ url: String(input), init });
      return Promise.resolve(new Response(JSON.stringify({ meta: [], data: groupedRows(), rows: 0 })));
    };
    const { dir, remove } = await scratchDir();
    try {
      const run = await runCli(["report", "--since", "30d", "--json", "--no-html"], { cwd: dir, env, fetch });
      expect(run.code).toBe(0);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.url).toBe(
        "https://api.cloudflare.com/client/v4/accounts/0123456789abcdef0123456789abcdef/analytics_engine/sql",
      );
      expect(requests[0]?.init?.method).toBe("POST");
      expect(requests[0]?.init?.headers).toEqual({ Authorization: "Bearer token-123" });
      expect(requests[0]?.init?.body).toBe(eventsSql("tact_events", { ago: 30 * 86_400 }, undefined));
      const report = JSON.parse(run.out.join("\n"));
      // Rows grouped per shopper carry no time, so only the period is missing.
      const plain = analyze(FIXED.map(({ ts: _ts, ...record }) => record));
      expect(report.experiments).toEqual(JSON.parse(JSON.stringify(plain.experiments)));
      expect(report.source).toBe(
        "Analytics Engine dataset tact_events (38 shopper rows); " +
          "bot page views are not in Analytics Engine: count the Worker's bot.page log lines",
      );
      expect(report.botPages).toBeUndefined();
    } finally {
      await remove();
    }
  });

  it("writes a query grouped per shopper, bounded in time, on the named dataset only", () => {
    expect(eventsSql("tact_events", { ago: 7 * 86_400 }, { at: 1_795_435_200 })).toBe(
      [
        "SELECT blob1 AS type, blob2 AS rule, blob3 AS experiment, blob4 AS variant, blob5 AS shopper,",
        "  max(double1) AS share, max(double2) AS shown, sum(_sample_interval) AS events, count() AS stored",
        "FROM tact_events",
        "WHERE timestamp >= NOW() - INTERVAL '604800' SECOND AND timestamp < toDateTime('2026-11-23 12:00:00')",
        "GROUP BY blob1, blob2, blob3, blob4, blob5",
        "FORMAT JSON",
      ].join("\n"),
    );
    expect(() => eventsSql("tact_events; DROP TABLE x", undefined, undefined)).toThrow(/is not a dataset name/);
  });

  it("says when Analytics Engine sampled, and passes its errors on", async () => {
    const { dir, remove } = await scratchDir();
    try {
      const sampled: typeof fetch = () => Promise.resolve(new Response(JSON.stringify({ data: groupedRows(10) })));
      const run = await runCli(["report", "--json", "--no-html"], { cwd: dir, env, fetch: sampled });
      const report = JSON.parse(run.out.join("\n"));
      expect(report.source).toContain("sampled by Analytics Engine");
      // Each stored row stands for 10: shoppers and events count ten times over, the rates are
      // unchanged, and the statistics stand on the shoppers actually sampled, as unsampled.
      const whole: typeof fetch = () => Promise.resolve(new Response(JSON.stringify({ data: groupedRows(1) })));
      const plain = JSON.parse(
        (await runCli(["report", "--json", "--no-html"], { cwd: dir, env, fetch: whole })).out.join("\n"),
      );
      const [warm, plainWarm] = [report, plain].map((one) => one.experiments[0].variants[1]);
      expect(warm.exposed).toBe(10 * plainWarm.exposed);
      expect(warm.exposures).toBe(10 * plainWarm.exposures);
      expect(warm.ctr.rate).toBe(plainWarm.ctr.rate);
      expect(warm.ctr.effectiveTrials).toBe(plainWarm.ctr.trials);
      expect(warm.ctr.low).toBeCloseTo(plainWarm.ctr.low, 12);
      expect(warm.ctrVsControl.pValue).toBeCloseTo(plainWarm.ctrVsControl.pValue, 12);
      expect(report.experiments[0].srm.chiSquare).toBeCloseTo(plain.experiments[0].srm.chiSquare, 12);

      const refused: typeof fetch = () =>
        Promise.resolve(new Response('{"errors":[{"message":"Authentication error"}]}', { status: 403 }));
      const denied = await runCli(["report", "--no-html"], { cwd: dir, env, fetch: refused });
      expect(denied.code).toBe(1);
      expect(denied.err[0]).toBe(
        'error: the Analytics Engine SQL API answered 403: {"errors":[{"message":"Authentication error"}]}',
      );
    } finally {
      await remove();
    }
  });
});
