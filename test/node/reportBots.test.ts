/**
 * `tact report` counts the page views the Worker kept out of the experiments
 * as bots' (its bot.page lines), in the logs it reads, whatever their form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, scratchDir, writeJson } from "./cliHarness";
import { FIXED } from "./reportEvents";

const bot = (path: string) => JSON.stringify({ level: "info", event: "bot.page", via: "user-agent", path });

describe("tact report and bots", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it("says how many bot page views a dev log shows were left out, and gives them in --json", async () => {
    const devLog = [...FIXED.map((record) => `[tact] ${JSON.stringify(record)}`), `[tact] ${bot("/")}`, bot("/p/1")];
    await writeJson(dir, "dev.log", devLog.join("\n"));
    const run = await runCli(["report", "--events", "dev.log", "--no-html"], { cwd: dir });
    expect(run.out[1]).toBe("events: dev.log (42 lines, 40 events); 2 bot page views left out (bot.page lines)");
    const json = await runCli(["report", "--events", "dev.log", "--json", "--no-html"], { cwd: dir });
    expect(JSON.parse(json.out.join("\n")).botPages).toBe(2);
    // Those lines carry no time: --since cannot count them out, and the report says so.
    const since = await runCli(["report", "--events", "dev.log", "--since", "30d", "--no-html"], { cwd: dir });
    expect(since.out[1]).toBe(
      "events: dev.log (42 lines, 40 events); 2 bot page views left out (bot.page lines, in the whole files)",
    );
  });

  it("counts them in wrangler tail output too, across files", async () => {
    const tail = (message: string) => JSON.stringify({ outcome: "ok", logs: [{ message: [message] }] }, null, 4);
    await writeJson(
      dir,
      "tail.json",
      [...FIXED.map((record) => tail(JSON.stringify(record))), tail(bot("/"))].join("\n"),
    );
    await writeJson(dir, "more.log", bot("/c/seeds"));
    const run = await runCli(["report", "--events", "tail.json", "--events", "more.log", "--json", "--no-html"], {
      cwd: dir,
    });
    const report = JSON.parse(run.out.join("\n"));
    expect(report.botPages).toBe(2);
    expect(report.experiments[0].variants.map((variant: { exposed: number }) => variant.exposed)).toEqual([10, 10]);
  });
});
