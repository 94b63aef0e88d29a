import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bucket } from "../../src/core/decide/bucket";
import { EPOCH_LEAD_SECONDS } from "../../src/core/decide/nextWeights";
import { BANDIT_KEY } from "../../src/core/ruleset/BanditWeights";
import { clearRuleSetCache } from "../../src/edges/kv/ruleSetCache";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import worker from "../../src/worker";
import { TEST_ACCOUNT, TEST_TOKEN } from "../origin/analyticsEngine";
import { Shopper, blocks, cookieFor, demoWithHomeExperiment, now, putRuleSet, seedDemo } from "../support/harness";

/** The demo ruleset with a bandit on the home page's main block. */
const banditRuleSet = demoWithHomeExperiment({ key: "home-bandit", allocation: "bandit", metric: "click", floor: 0.1 });

const ACCESS = { TACT_ANALYTICS_ACCOUNT_ID: TEST_ACCOUNT, TACT_ANALYTICS_TOKEN: TEST_TOKEN };

/** Per-shopper rows as the SQL API returns them: `count` rows standing for `weight` shoppers each. */
function rows(variant: string, count: number, succeeded: number, weight: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => ({
    variant,
    shopper: `${variant}-${n}`,
    weight: String(weight),
    exposed: "1",
    succeeded: n < succeeded ? "1" : "0",
  }));
}

async function stage(experiment: string, data: unknown[]): Promise<void> {
  await fetch(`https://api.cloudflare.com/__stage/${experiment}`, { method: "PUT", body: JSON.stringify(data) });
}

async function runCron(scheduledTime: number, overrides: Partial<Env> = ACCESS): Promise<void> {
  const controller = createScheduledController({ scheduledTime, cron: "0 */6 * * *" });
  // The handler awaits all its work itself (it needs no waitUntil).
  await worker.scheduled(controller, { ...env, ...overrides });
  clearRuleSetCache();
}

async function banditDocument(): Promise<unknown> {
  const text = await env.TACT_RULES.get(BANDIT_KEY);
  return text === null ? null : JSON.parse(text);
}

beforeEach(async () => {
  await seedDemo();
  await env.TACT_RULES.delete(BANDIT_KEY);
  await putRuleSet(banditRuleSet);
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Does this shopper see the treatment on the home page (the control shows no block there)? */
async function seesTreatment(id: string, firstSeen: number): Promise<boolean> {
  const shopper = new Shopper(await cookieFor({ id, fs: firstSeen, ls: now() - 60 }));
  const { html } = await shopper.visit("/");
  return blocks(html).some((block) => block.rule === "home-for-you");
}

describe("the bandits' Cron Trigger", () => {
  it("reweights by Thompson sampling on sample-weighted counts, and moves no enrolled shopper", async () => {
    // Weighted, the control has 200 shoppers and 10 clicks, the treatment 200 and 120.
    await stage("home-bandit", [...rows("control", 100, 5, 2), ...rows("treatment", 50, 30, 4)]);
    // A shopper whose variant point falls in the control under 50/50, but in the treatment under 10/90.
    let id = "";
    for (let n = 0; !id; n++) {
      const candidate = `B${String(n).padStart(21, "0")}`;
      const point = bucket("variant:home-bandit:", candidate);
      if (point > 0.15 && point < 0.45) id = candidate;
    }
    const cronAt = now() - 3600;
    const enrolledAt = cronAt - 3600;
    expect(await seesTreatment(id, enrolledAt)).toBe(false);

    await runCron(cronAt * 1000);

    const from = cronAt + EPOCH_LEAD_SECONDS;
    expect(await banditDocument()).toEqual({
      version: 1,
      experiments: { "home-bandit": { epochs: [{ from, weights: { control: 0.1, treatment: 0.9 } }] } },
    });
    // Enrolled before the new cohort: still the control. First seen after it: the same point is now the treatment.
    expect(await seesTreatment(id, enrolledAt)).toBe(false);
    expect(await seesTreatment(id, from + 60)).toBe(true);
  });

  it("writes no new cohort when the shares have not moved", async () => {
    await stage("home-bandit", [...rows("control", 100, 5, 2), ...rows("treatment", 50, 30, 4)]);
    await runCron((now() - 7200) * 1000);
    const first = await banditDocument();
    await runCron((now() - 3600) * 1000);
    expect(await banditDocument()).toEqual(first);
  });

  it("does nothing, and says why, without Analytics Engine credentials", async () => {
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    await runCron(Date.now(), {});
    expect(await banditDocument()).toBeNull();
    expect(warnings.mock.calls.map((call) => JSON.parse(String(call[0])) as unknown)).toContainEqual(
      expect.objectContaining({ event: "bandit.no-source" }),
    );
  });

  it("leaves the weights alone when the SQL API refuses the token", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await runCron(Date.now(), { ...ACCESS, TACT_ANALYTICS_TOKEN: "wrong" });
    expect(await banditDocument()).toBeNull();
    expect(errors.mock.calls.map((call) => String(call[0])).join("\n")).toContain("401");
  });
});

describe("a bandit in the ruleset", () => {
  const experiment = banditRuleSet.rules.find((rule) => rule.id === "home-for-you")!.experiment!;
  const withExperiment = (changes: Record<string, unknown>) => ({
    ...banditRuleSet,
    rules: banditRuleSet.rules.map((rule) =>
      rule.id === "home-for-you" ? { ...rule, experiment: { ...experiment, ...changes } } : rule,
    ),
  });
  const reasons = async (changes: Record<string, unknown>): Promise<string> => {
    const outcome = await compileRuleSet(withExperiment(changes), workerPlatform);
    if (!outcome.ok) return outcome.reasons.join("\n");
    return outcome.ruleset.skipped.flatMap((problem) => problem.reasons).join("\n");
  };

  it("is compiled with its metric and floor", async () => {
    const outcome = await compileRuleSet(banditRuleSet, workerPlatform);
    const rule = outcome.ok ? outcome.ruleset.rules.find((r) => r.id === "home-for-you") : undefined;
    expect(rule?.experiment?.bandit).toEqual({ metric: "click", floor: 0.1, epochs: [] });
  });

  it.each([
    [{ allocation: "greedy" }, "must be fixed or bandit"],
    [{ allocation: "fixed", metric: "click", floor: undefined }, 'metric and floor are for allocation "bandit" only'],
    [{ metric: "revenue" }, "must be click or conversion"],
    [{ floor: 0.5 }, "floor times the number of variants must stay below 1"],
    [{ floor: -0.1 }, "-0.1"],
  ])("refuses %j", async (changes, reason) => {
    expect(await reasons(changes)).toContain(reason);
  });
});
