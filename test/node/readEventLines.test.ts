/**
 * Reading tact events out of logs in the forms they come in: the Worker's own
 * lines (alone, or prefixed by `npm start` with "[tact] "), and `wrangler tail
 * --format json` output (one indented JSON object per invocation, the Worker's
 * line inside logs[].message[]); everything else is skipped.
 */
import { describe, expect, it } from "vitest";
import type { EventRow } from "../../tools/report/EventRow";
import { readEventText } from "../../tools/report/readEventLines";

const exposure = {
  level: "info",
  event: "tact.event",
  type: "exposure",
  rule: "home-for-you",
  experiment: "home-heading",
  variant: "warm",
  share: 0.5,
  shown: true,
  items: 4,
  shopper: "caa1067159c5e7e4",
  ts: 1795458591,
  path: "/",
};
const click = {
  level: "info",
  event: "tact.event",
  type: "click",
  rule: "home-for-you",
  experiment: "home-heading",
  variant: "warm",
  item: "p19",
  shopper: "caa1067159c5e7e4",
  ts: 1795458600,
  path: "/products/p19",
};

/** What `wrangler tail --format json` prints for one request: the event, indented by 4. */
function tailObject(lines: readonly object[]): string {
  return JSON.stringify(
    {
      wallTime: 14,
      cpuTime: 3,
      truncated: false,
      executionModel: "stateless",
      outcome: "ok",
      scriptName: "tact",
      diagnosticsChannelEvents: [],
      exceptions: [],
      logs: lines.map((line) => ({ message: [JSON.stringify(line)], level: "log", timestamp: 1795458591000 })),
      eventTimestamp: 1795458591000,
      event: { request: { url: "https://shop.example/", method: "GET", headers: {} }, response: { status: 200 } },
      id: 0,
    },
    null,
    4,
  );
}

function read(text: string): { rows: EventRow[]; stats: ReturnType<typeof readEventText> } {
  const rows: EventRow[] = [];
  const stats = readEventText(text, (row) => rows.push(row));
  return { rows, stats };
}

const expectedExposure = {
  type: "exposure",
  rule: "home-for-you",
  experiment: "home-heading",
  variant: "warm",
  shopper: "caa1067159c5e7e4",
  share: 0.5,
  shown: true,
  ts: 1795458591,
  count: 1,
  weight: 1,
};

describe("reading events from logs", () => {
  it("reads the Worker's own lines", () => {
    const { rows, stats } = read(`${JSON.stringify(exposure)}\n${JSON.stringify(click)}\n`);
    expect(rows[0]).toEqual(expectedExposure);
    expect(rows[1]).toMatchObject({ type: "click", variant: "warm", shopper: "caa1067159c5e7e4" });
    expect(stats).toMatchObject({ events: 2, malformed: 0 });
  });

  it("reads `npm start | tee dev.log`: [tact]-prefixed lines among wrangler's and the shop's", () => {
    const log = [
      "[shop] ⎔ Starting local server...",
      "[tact] [wrangler:info] Ready on http://127.0.0.1:8787",
      '[tact] {"level":"info","event":"ruleset.loaded","rules":8,"skipped":0}',
      `[tact] ${JSON.stringify(exposure)}`,
      "[tact] [wrangler:info] GET / 200 OK (30ms)",
      "[shop] [wrangler:info] GET / 200 OK (3ms)",
      `[tact] ${JSON.stringify(click)}`,
      "",
      "  tact is serving the demo shop at http://localhost:8787",
    ].join("\n");
    const { rows, stats } = read(log);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(expectedExposure);
    expect(stats).toMatchObject({ lines: 9, events: 2, malformed: 0 });
  });

  it("reads `wrangler tail --format json` output, several lines per invocation", () => {
    const tail = [
      "Successfully created tail, expires at 2026-11-23T20:00:00Z",
      "Connected to tact, waiting for logs...",
      tailObject([exposure]),
      tailObject([{ level: "info", event: "ruleset.loaded", rules: 8 }]),
      tailObject([exposure, click]),
    ].join("\n");
    const { rows, stats } = read(tail);
    expect(rows.map((row) => row.type)).toEqual(["exposure", "exposure", "click"]);
    expect(rows[0]).toEqual(expectedExposure);
    expect(stats.malformed).toBe(0);
  });

  it("reads tail objects written one per line too (as jq -c would)", () => {
    const compact = JSON.stringify(JSON.parse(tailObject([exposure, click])));
    expect(read(compact).rows).toHaveLength(2);
  });

  it("counts the Worker's bot.page lines, alone, prefixed and in tail output, and makes no event of them", () => {
    const bot = { level: "info", event: "bot.page", via: "user-agent", path: "/" };
    const log = [
      JSON.stringify(bot),
      `[tact] ${JSON.stringify({ ...bot, via: "verified" })}`,
      tailObject([bot, exposure]),
      '{"level":"info","event":"bot.pages","path":"/"}',
    ].join("\n");
    const { rows, stats } = read(log);
    expect(rows).toEqual([expectedExposure]);
    expect(stats).toMatchObject({ events: 1, botPages: 3, malformed: 0 });
  });

  it("counts what claims to be a tact event but is not one, and says where", () => {
    const log = [
      JSON.stringify(exposure),
      JSON.stringify({ ...exposure, type: "hover" }),
      JSON.stringify({ ...exposure, shopper: "" }),
      '{"level":"info","event":"tact.event","type":"exposure", oops',
      '{"level":"info","event":"cookie.rejected"}',
      "not json at all",
    ].join("\n");
    const { rows, stats } = read(log);
    expect(rows).toHaveLength(1);
    expect(stats.malformed).toBe(3);
    expect(stats.firstMalformed).toBe("line 2: type: must be exposure, click or conversion");
  });
});
