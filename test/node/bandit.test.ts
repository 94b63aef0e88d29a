import { afterAll, beforeAll, describe, expect, it } from "vitest";
import demoRuleSet from "../../kv-seed/ruleset.json";
import type { CliIo } from "../../tools/cli/CliIo";
import { runBandit } from "../../tools/dev/banditCommand";
import type { WranglerRunner } from "../../tools/shared/wrangler";
import { NOW, scratchDir, writeJson } from "./cliHarness";

const root = new URL("../..", import.meta.url).pathname;

const banditRuleSet = {
  ...demoRuleSet,
  rules: demoRuleSet.rules.map((rule) =>
    rule.id === "home-for-you"
      ? {
          ...rule,
          experiment: {
            key: "home-bandit",
            traffic: 100,
            allocation: "bandit",
            floor: 0.1,
            variants: [
              { id: "control", weight: 50, control: "baseline" },
              { id: "fewer", weight: 50, count: 3 },
            ],
          },
        }
      : rule,
  ),
};

/** Events as npm start logs them: 100 shoppers per variant; 5 click in the control, 30 in "fewer". */
function eventLines(): string {
  const lines: unknown[] = [];
  for (let n = 0; n < 200; n++) {
    const variant = n % 2 === 0 ? "control" : "fewer";
    const base = {
      level: "info",
      event: "tact.event",
      experiment: "home-bandit",
      variant,
      shopper: `s${n}`,
      path: "/",
    };
    lines.push({ ...base, type: "exposure", rule: "home-for-you", share: 0.5, shown: true, items: 4, ts: NOW });
    const clicks = variant === "control" ? n < 10 : n < 60;
    if (clicks) lines.push({ ...base, type: "click", rule: "home-for-you", item: "p01", ts: NOW + 1 });
  }
  return `${lines.map((line) => JSON.stringify(line)).join("\n")}\nnot an event\n`;
}

/**
 * Local KV as `wrangler kv key get|put` sees it, in memory: the command's
 * wrangler calls are the real ones' arguments (a run of wrangler itself takes
 * seconds, and KV through it is tested with the seed and rules commands).
 */
function fakeKv(initial: Record<string, string>): {
  store: Map<string, string>;
  calls: string[][];
  run: WranglerRunner;
} {
  const store = new Map(Object.entries(initial));
  const calls: string[][] = [];
  const run: WranglerRunner = async (args) => {
    calls.push([...args]);
    // `kv key put <key> …flags <value>`: the value comes last, as the command passes it.
    const [, , verb, key = ""] = args;
    const value = args.at(-1) ?? "";
    expect(args).toEqual(expect.arrayContaining(["--binding", "TACT_RULES", "--local", "--persist-to", "/tmp/state"]));
    if (verb === "put") store.set(key, value);
    return { stdout: verb === "get" ? (store.get(key) ?? "Value not found") : "", stderr: "" };
  };
  return { store, calls, run };
}

function io(now: number): { io: CliIo; out: string[] } {
  const out: string[] = [];
  const noFetch: typeof fetch = () => Promise.reject(new Error("no network"));
  return {
    out,
    io: {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      env: {},
      cwd: root,
      now: () => now,
      fetch: noFetch,
    },
  };
}

let scratch: Awaited<ReturnType<typeof scratchDir>>;

beforeAll(async () => {
  scratch = await scratchDir();
});
afterAll(() => scratch.remove());

describe("tact bandit", () => {
  it("reweights from the local events file into local KV, and writes nothing when the shares did not move", async () => {
    const kv = fakeKv({ ruleset: JSON.stringify(banditRuleSet) });
    const events = await writeJson(scratch.dir, "events.jsonl", eventLines());
    const args = ["--events", events, "--persist-to", "/tmp/state"];

    const first = io(NOW);
    expect(await runBandit(args, first.io, kv.run)).toBe(0);
    expect(first.out).toEqual([
      "home-bandit: click control 5/100, fewer 30/100 → control 0.100, fewer 0.900 (appended)",
    ]);
    const stored = kv.store.get("ruleset-bandit") ?? "";
    expect(JSON.parse(stored)).toEqual({
      version: 1,
      experiments: { "home-bandit": { epochs: [{ from: NOW + 600, weights: { control: 0.1, fewer: 0.9 } }] } },
    });

    const puts = kv.calls.filter((call) => call[2] === "put").length;
    const again = io(NOW + 21_600);
    expect(await runBandit(args, again.io, kv.run)).toBe(0);
    expect(again.out[0]).toMatch(/\(unchanged\)$/);
    expect(kv.calls.filter((call) => call[2] === "put")).toHaveLength(puts);
  });

  it("says so when no experiment is a bandit", async () => {
    const kv = fakeKv({ ruleset: JSON.stringify(demoRuleSet) });
    const run = io(NOW);
    expect(await runBandit(["--persist-to", "/tmp/state"], run.io, kv.run)).toBe(0);
    expect(run.out).toEqual(['no experiment in the ruleset has allocation "bandit": nothing to do']);
    expect(kv.store.has("ruleset-bandit")).toBe(false);
  });
});
