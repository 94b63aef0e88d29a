import { describe, expect, it } from "vitest";
import * as v from "valibot";
import {
  DEFAULT_SESSION_COOKIES,
  EdgeCacheSettingsSchema,
  compileEdgeCache,
  isSessionCookie,
} from "../../src/core/ruleset/edgeCacheSettings";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { plainPlatform } from "../support/plainPlatform";

function compiled(settings: unknown) {
  const parsed = v.parse(EdgeCacheSettingsSchema, settings);
  const result = compileEdgeCache(parsed);
  if (Array.isArray(result)) throw new Error(result.join("; "));
  return result;
}

describe("edge cache settings", () => {
  it("lists the common platforms' session cookies by default, prefixes included", () => {
    const { sessionCookies } = compiled({ pages: ["/products/:id"] });
    expect(sessionCookies.names.size + sessionCookies.prefixes.length).toBe(DEFAULT_SESSION_COOKIES.length);
    for (const name of ["_secure_session_id", "cart", "PHPSESSID", "sw-context-token", "wp_woocommerce_session_ab12"]) {
      expect(isSessionCookie(name, sessionCookies)).toBe(true);
    }
    for (const name of ["_ga", "theme", "cartography", "__Host-tact"])
      expect(isSessionCookie(name, sessionCookies)).toBe(false);
  });

  it("keeps nothing longer than the origin says unless a default is set", () => {
    expect(compiled({ pages: ["/"] }).defaultTtlSeconds).toBe(0);
    expect(compiled({ pages: ["/"], defaultTtlSeconds: 120 }).defaultTtlSeconds).toBe(120);
  });

  it.each([
    [{ pages: [] }, "pages"],
    [{ pages: ["/"], defaultTtlSeconds: -1 }, "defaultTtlSeconds"],
    [{ pages: ["/"], defaultTtlSeconds: 86_401 }, "defaultTtlSeconds"],
    [{ pages: ["/"], sessionCookies: ["a b"] }, "sessionCookies"],
    [{ pages: ["/"], sessionCookies: ["*"] }, "sessionCookies"],
  ])("refuses %j", (settings, field) => {
    const result = v.safeParse(EdgeCacheSettingsSchema, settings);
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues![0]!)).toContain(field);
  });

  it("refuses the whole ruleset, saying where, when a page pattern is bad", async () => {
    const document = { version: 1, settings: { edgeCache: { pages: ["/ok", "/(a+)+"] } }, templates: {}, rules: [] };
    const outcome = await compileRuleSet(document, plainPlatform);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.reasons).toEqual([expect.stringContaining("settings.edgeCache.pages[1]")]);
  });

  it("compiles a ruleset with the setting, and one without it to no edge cache", async () => {
    const on = await compileRuleSet(
      { version: 1, settings: { edgeCache: { pages: ["/products/*"] } }, templates: {}, rules: [] },
      plainPlatform,
    );
    const off = await compileRuleSet({ version: 1, settings: {}, templates: {}, rules: [] }, plainPlatform);
    expect(on.ok && on.ruleset.edgeCache?.pages.length).toBe(1);
    expect(off.ok && off.ruleset.edgeCache).toBeUndefined();
  });
});
