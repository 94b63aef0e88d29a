/**
 * The rules' URL patterns are matched only for requests that can be pages:
 * not for a POST, a HEAD, an image, a script or a fetch() for JSON, which
 * tact passes on without looking (an attacker's cheap requests cost no
 * pattern matching).
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readVars } from "../../src/edges/http/vars";
import { clearRuleSetCache } from "../../src/edges/kv/ruleSetCache";
import { currentRuleSet } from "../../src/edges/kv/currentRuleSet";
import type { PathMatcher } from "../../src/core/decide/classifyPage";
import { getWithEnv, putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";
import { quietConsole } from "../support/quietConsole";

// The tests read the ruleset's patterns and change none of it.
beforeAll(async () => {
  await standardCatalog();
  await putRuleSet(ruleset([rule({ page: "/__test/*" })]));
});

beforeEach(() => void quietConsole());
afterEach(() => vi.restoreAllMocks());

describe("URL patterns are matched only for requests that can be pages", () => {
  /** Counts the matches of every pattern of the cached ruleset. */
  async function countMatches(): Promise<{ count: number }> {
    clearRuleSetCache();
    const outcome = await currentRuleSet(env, createExecutionContext(), readVars(env));
    if (!outcome.ok) throw new Error("the ruleset did not compile");
    const counter = { count: 0 };
    const { pages, rules } = outcome.ruleset;
    for (const matcher of [pages.product, pages.category, pages.conversion, ...rules.map((r) => r.page)]) {
      const match = matcher.match.bind(matcher);
      (matcher as { match: PathMatcher["match"] }).match = (url) => {
        counter.count += 1;
        return match(url);
      };
    }
    return counter;
  }

  it.each([
    ["POST", { method: "POST", body: "x" }, "/__test/fixture/slots"],
    ["PUT", { method: "PUT", body: "x" }, "/__test/fixture/slots"],
    ["HEAD", { method: "HEAD" }, "/__test/fixture/slots"],
    ["an image", { headers: { "sec-fetch-dest": "image" } }, "/__test/html/attributes.html?type=image/svg%2Bxml"],
    ["a script", { headers: { "sec-fetch-dest": "script" } }, "/__test/html/attributes.html?type=text/javascript"],
    ["a fetch() for JSON", { headers: { "sec-fetch-dest": "empty" } }, "/__test/json"],
    ["an image, without fetch metadata", { headers: { accept: "image/avif,image/webp" } }, "/__test/json"],
  ])("%s: never", async (_name, init, path) => {
    const counter = await countMatches();
    await getWithEnv(path, {}, init);
    expect(counter.count).toBe(0);
  });

  it("a page load: yes (so the cases above can fail)", async () => {
    const counter = await countMatches();
    const response = await getWithEnv("/__test/fixture/slots", {}, { headers: { "sec-fetch-dest": "document" } });
    expect(response.status).toBe(200);
    expect(counter.count).toBeGreaterThan(0);
  });
});
