import { afterEach, describe, expect, it, vi } from "vitest";
import { DEV_KEYS, isLoopbackHost, parseKeys } from "../../src/edges/cookie/keyRing";
import { getWithEnv, originBytes, putRuleSet, rule, ruleset, standardCatalog, tactCookie } from "../support/harness";

afterEach(() => {
  vi.restoreAllMocks();
});

function loggedEvents(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
}

describe("signing keys", () => {
  it.each([
    ["", "TACT_KEYS is empty"],
    ["nocolon", 'entry 1 must look like "kid:base64url-secret"'],
    ["a:!!!", 'key "a" is not base64url'],
    ["a:c2hvcnQ", 'key "a" is shorter than 32 bytes'],
    [`a:${DEV_KEYS.slice(4)},a:${DEV_KEYS.slice(4)}`, 'names key "a" twice'],
  ])("rejects TACT_KEYS=%j with a reason that names the entry", (value, reason) => {
    const parsed = parseKeys(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it("takes the first entry to sign and keeps all of them to verify", () => {
    const parsed = parseKeys(`k2:${"A".repeat(43)}, k1:${"B".repeat(43)}`);
    expect(parsed.ok && parsed.entries.map((e) => e.kid)).toEqual(["k2", "k1"]);
  });

  it.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["[::1]", true],
    ["shop.localhost", true],
    ["shop.example", false],
    ["localhost.example", false],
    ["127.0.0.1.nip.io", false],
  ])("treats %s as loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  describe("outside local development", () => {
    async function expectRefused(keys: (string | undefined)[]): Promise<Record<string, unknown>[]> {
      await standardCatalog();
      await putRuleSet(ruleset([rule()]));
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      for (const value of keys) {
        for (let i = 0; i < 3; i++) {
          const response = await getWithEnv("/__test/fixture/slots", { TACT_KEYS: value });
          expect(tactCookie(response)).toBeUndefined();
          expect(new Uint8Array(await response.arrayBuffer())).toEqual(await originBytes("/__test/fixture/slots"));
        }
      }
      return loggedEvents(errors).filter((e) => e["event"] === "keys.refused");
    }

    it("without a key, serves pages untouched, sets no cookie and logs one clear error", async () => {
      const refused = await expectRefused([undefined, ""]);
      expect(refused).toHaveLength(1);
      expect(refused[0]?.["reason"]).toContain("wrangler secret put TACT_KEYS");
    });

    it("refuses the public development key, alone or among real keys, and says so once", async () => {
      const refused = await expectRefused([DEV_KEYS, `real:${"C".repeat(43)},${DEV_KEYS}`]);
      expect(refused).toHaveLength(1);
      expect(refused[0]?.["reason"]).toContain("development key");
      expect(JSON.stringify(refused)).not.toContain(DEV_KEYS.slice(4));
    });
  });

  it("uses the development key on localhost when no key is set", async () => {
    await standardCatalog();
    await putRuleSet(ruleset([rule()]));
    const response = await getWithEnv("http://localhost:8787/__test/fixture/slots", { TACT_KEYS: undefined });
    // Plain http on loopback: the cookie is `tact`, without the __Host- prefix.
    expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^tact=[^;]+;/)]);
    expect(await response.text()).toContain("data-tact-rule");
  });
});
