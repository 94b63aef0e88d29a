import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";
import { clearRuleSetCache } from "../../src/edges/kv/ruleSetCache";
import {
  card,
  get,
  getWithEnv,
  originBytes,
  putCatalog,
  putRuleSet,
  rule,
  ruleset,
  standardCatalog,
} from "../support/harness";

const PAGE = "/__test/fixture/slots";

function events(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
}

async function expectUntouched(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  expect(new Uint8Array(await response.arrayBuffer())).toEqual(await originBytes(PAGE));
}

beforeEach(async () => {
  await standardCatalog();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a broken ruleset", () => {
  it.each([
    ["not JSON", "{ rules: ["],
    ["the wrong version", { version: 2, templates: {}, rules: [] }],
    ["rules that are not a list", { version: 1, templates: {}, rules: {} }],
    ["a product pattern without :id", ruleset([rule()], { settings: { pages: { product: "/p/:sku" } } })],
  ])("(%s) leaves pages untouched and logs one line saying why", async (_name, document) => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await putRuleSet(document);
    await expectUntouched(await get(PAGE));
    await expectUntouched(await get(PAGE));
    const invalid = events(errors).filter((e) => e["event"] === "ruleset.invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.["reasons"]).toEqual([expect.any(String)]);
  });

  it("leaves pages untouched when there is no ruleset in KV", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await env.TACT_RULES.delete(RULESET_KEY);
    clearRuleSetCache();
    await expectUntouched(await get(PAGE));
  });
});

describe("a single broken rule", () => {
  it.each([
    ["a count below 2", { count: 1 }, "rules[0].count"],
    [
      "a selector HTMLRewriter cannot match",
      { slot: { selector: "div:has(p)", position: "append" } },
      "is not supported by HTMLRewriter",
    ],
    ["an unknown position", { slot: { selector: "#slot", position: "replace" } }, "rules[0].slot.position"],
    ["an unknown template", { template: "nope" }, 'no template named "nope"'],
    ["an invalid page pattern", { page: "/(" }, "rules[0].page"],
  ])("(%s) is skipped, logged, and the others still run", async (_name, broken, reason) => {
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    await putRuleSet(
      ruleset([rule({ id: "broken", ...broken }), rule({ id: "good", slot: { selector: "h1", position: "after" } })]),
    );
    const html = await (await get(PAGE)).text();
    expect(html).toContain('data-tact-rule="good"');
    expect(html).not.toContain('data-tact-rule="broken"');
    const skipped = events(warnings).filter((e) => e["event"] === "ruleset.rule-skipped");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.["reasons"]).toEqual([expect.stringContaining(reason)]);
  });

  it("skips a rule whose template is unsafe", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await putRuleSet(
      ruleset([rule({ template: "unsafe" }), rule({ id: "good", slot: { selector: "h1", position: "after" } })], {
        templates: {
          cards: { block: "<div>{{items}}</div>", item: "<p>{{title}}</p>" },
          unsafe: { block: "<div>{{items}}</div>", item: '<a href="{{url}}" onclick="steal()">x</a>' },
        },
      }),
    );
    const html = await (await get(PAGE)).text();
    expect(html).toContain('data-tact-rule="good"');
    expect(html).not.toContain("steal()");
  });
});

describe("KV faults", () => {
  const throwing = { get: () => Promise.reject(new Error("KV is down")) };

  it("serves the page untouched when the catalog read fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await putRuleSet(ruleset([rule()]));
    const response = await getWithEnv(PAGE, { TACT_CATALOG: throwing });
    await expectUntouched(response);
  });

  it("serves the page untouched when the ruleset read fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await putRuleSet(ruleset([rule()]));
    const response = await getWithEnv(PAGE, { TACT_RULES: throwing });
    await expectUntouched(response);
  });

  it("leaves the slot as it is when the catalog answers after the deadline, and finishes the page", async () => {
    await putCatalog({ popular: { items: [card("a"), card("b")] } });
    await putRuleSet(ruleset([rule()], { settings: { languages: ["it"], slotDeadlineMs: 20 } }));
    const slow = {
      get: (keys: unknown, options: unknown) =>
        new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
          env.TACT_CATALOG.get(keys as string[], options as { type: "json" }),
        ),
    };
    const response = await getWithEnv(PAGE, { TACT_CATALOG: slow });
    const html = await response.text();
    expect(html).not.toContain("data-tact");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });
});
