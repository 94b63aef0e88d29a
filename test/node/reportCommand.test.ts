/**
 * `tact report`: the command on event files, the HTML file, and Analytics
 * Engine through an injected fetch (there is no network here; the request and
 * the answer's handling are what is tested).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsSql } from "../../tools/report/queryAnalyticsEngine";
import { NOW, runCli, scratchDir, writeJson } from "./cliHarness";
import { FIXED, analyze, expose, jsonl } from "./reportEvents";

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
    ].join("\n");
    await writeJson(dir, "dev.log", devLog);
    const run = await runCli(["report", "--events", "dev.log"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.err).toEqual(["wrote tact-report.html"]);
    expect(run.out).toEqual([
      "tact experiment report",
      "events: dev.log (42 lines, 40 events); 0 bot page views left out (bot.page lines)",
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
