/**
 * The isolate's ruleset cache: a stale copy is refreshed in the background,
 * and a refresh that finds the same text keeps what was compiled from it
 * (compiling runs HTMLRewriter over every template), while a changed text is
 * compiled and served from then on.
 */
import { env } from "cloudflare:workers";
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";
import { getWithEnv, putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";

const PAGE = "/__test/fixture/slots";
let logs: MockInstance<typeof console.log>;

const loads = () =>
  logs.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('"event":"ruleset.loaded"')).length;

/** A page view with the cache always stale, so that every view starts a refresh. */
const view = async () => (await getWithEnv(PAGE, { RULES_CACHE_SECONDS: "0" })).text();

beforeEach(async () => {
  logs = vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  await standardCatalog();
  await putRuleSet(ruleset([rule({ id: "first", page: "/__test/*" })]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the ruleset cache", () => {
  it("compiles a text once, however often it is refreshed", async () => {
    for (let i = 0; i < 4; i++) await view();
    expect(loads()).toBe(1);
  });

  it("compiles a changed text on the next refresh, and serves it after", async () => {
    await view();
    await env.TACT_RULES.put(RULESET_KEY, JSON.stringify(ruleset([rule({ id: "second", page: "/__test/*" })])));
    await view(); // served from the stale copy while the refresh reads the new text
    expect(loads()).toBe(2);
    expect(await view()).toContain('data-tact-rule="second"');
  });
});
