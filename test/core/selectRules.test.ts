import { describe, expect, it } from "vitest";
import { ruleApplies, selectRules } from "../../src/core/decide/selectRules";
import type { Profile } from "../../src/core/profile/Profile";
import { type CompiledRuleSet, compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import type { Subject } from "../../src/core/decide/matchCondition";
import { plainPlatform } from "../support/plainPlatform";
import { HOUR, T0, productRule as rule, profile, request } from "../support/builders";

const NOW = T0 + 30 * 86_400;

const TEMPLATES = {
  cards: {
    block: "<section>{{heading}}<ul>{{items}}</ul></section>",
    item: '<li><a href="{{url}}">{{title}}</a></li>',
  },
};

async function compiled(rules: unknown[]): Promise<CompiledRuleSet> {
  const outcome = await compileRuleSet(
    {
      version: 1,
      personas: {
        "tea-lovers": { affinity: { category: "tea", atLeast: 2 } },
        italians: { country: ["IT"] },
        newcomers: { visits: { atMost: 1 } },
      },
      templates: TEMPLATES,
      rules,
    },
    plainPlatform,
  );
  if (!outcome.ok) throw new Error(outcome.reasons.join("; "));
  expect(outcome.ruleset.skipped).toEqual([]);
  return outcome.ruleset;
}

function subject(
  options: {
    profile?: Partial<Profile>;
    affinities?: Record<string, number>;
    established?: boolean;
    country?: string;
  } = {},
): Subject {
  return {
    profile: profile({ visits: 3, ...options.profile }),
    affinities: options.affinities ?? {},
    established: options.established ?? false,
    request: request({ country: options.country }),
    now: NOW,
  };
}

const url = (path: string) => new URL(`https://shop.test${path}`);

/** "position selector: rule, rule" for every slot, in order. */
function describeSlots(ruleset: CompiledRuleSet, path: string, who: Subject | undefined): string[] {
  return selectRules(ruleset, url(path), who, NOW).map(
    (slot) => `${slot.position} ${slot.selector}: ${slot.rules.map((r) => r.id).join(", ")}`,
  );
}

const ruleset1 = await compiled([
  rule("on-products"),
  rule("on-categories", { page: "/category/:slug", slot: { selector: "#cat", position: "after" } }),
  rule("on-home", { page: "/", slot: { selector: "main", position: "prepend" } }),
  rule("on-sale-products", { page: "/products/sale-*" }),
]);

describe("selectRules: pages", () => {
  const ruleset = ruleset1;

  it.each([
    ["/products/p1", ["append #recs: on-products"]],
    ["/products/sale-p1", ["append #recs: on-products, on-sale-products"]],
    ["/category/tea", ["after #cat: on-categories"]],
    ["/", ["prepend main: on-home"]],
    ["/about", []],
    ["/products/p1/reviews", []],
    ["/products/p1?utm_source=x", ["append #recs: on-products"]],
  ])("%s gets %j", async (path, expected) => {
    expect(describeSlots(ruleset, path, subject())).toEqual(expected);
  });
});

const ruleset2 = await compiled([
  rule("everyone"),
  rule("established-only", { audience: "established" }),
  rule("tea-or-italy", { personas: ["tea-lovers", "italians"] }),
  rule("newcomers", { personas: ["newcomers"] }),
  rule("capped", { cap: { impressions: 2, perHours: 24 } }),
]);

describe("selectRules: who the rule is for", () => {
  const ruleset = ruleset2;

  it.each<[string, Subject | undefined, string[]]>([
    ["a plain shopper", subject(), ["everyone", "capped"]],
    ["an established shopper", subject({ established: true }), ["everyone", "established-only", "capped"]],
    ["a tea lover", subject({ affinities: { tea: 2.5 } }), ["everyone", "tea-or-italy", "capped"]],
    [
      "a shopper whose tea affinity decayed below 2",
      subject({ profile: { affinities: { tea: 4 } }, affinities: { tea: 1.9 } }),
      ["everyone", "capped"],
    ],
    ["a shopper in Italy", subject({ country: "IT" }), ["everyone", "tea-or-italy", "capped"]],
    ["a first-time shopper", subject({ profile: { visits: 1 } }), ["everyone", "newcomers", "capped"]],
    [
      "a shopper who saw the capped rule once",
      subject({ profile: { caps: { capped: [1, NOW - HOUR] } } }),
      ["everyone", "capped"],
    ],
    [
      "a shopper who saw the capped rule twice today",
      subject({ profile: { caps: { capped: [2, NOW - HOUR] } } }),
      ["everyone"],
    ],
    [
      "a shopper whose cap window has run out",
      subject({ profile: { caps: { capped: [2, NOW - 24 * HOUR] } } }),
      ["everyone", "capped"],
    ],
    ["a shopper capped on another rule", subject({ profile: { caps: { other: [9, NOW] } } }), ["everyone", "capped"]],
    // Without a profile: everyone-rules without personas or caps only.
    ["a shopper without a profile", undefined, ["everyone"]],
  ])("%s", async (_name, who, expected) => {
    const slots = selectRules(ruleset, url("/products/p1"), who, NOW);
    expect(slots.flatMap((slot) => slot.rules.map((r) => r.id))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ["a rule for everyone", {}, true],
    ["an established-only rule", { audience: "established" }, false],
    ["a rule with personas", { personas: ["newcomers"] }, false],
    ["a capped rule", { cap: { impressions: 5, perHours: 1 } }, false],
  ])("ruleApplies without a profile to %s: %s", async (_name, overrides, expected) => {
    const [compiledRule] = (await compiled([rule("r", overrides)])).rules;
    expect(ruleApplies(compiledRule!, undefined, NOW)).toBe(expected);
  });
});

describe("selectRules: slots and priority", () => {
  it("groups rules by position and selector, best first, ties in document order", async () => {
    const ruleset = await compiled([
      rule("low", { priority: -1 }),
      rule("tie-a", { priority: 5 }),
      rule("high", { priority: 10 }),
      rule("other-slot", { slot: { selector: "#side", position: "append" }, priority: 100 }),
      rule("tie-b", { priority: 5 }),
      rule("zero"),
      rule("same-selector-before", { slot: { selector: "#recs", position: "before" } }),
      rule("tie-c", { priority: 5 }),
    ]);
    expect(describeSlots(ruleset, "/products/p1", subject())).toEqual([
      "append #recs: high, tie-a, tie-b, tie-c, zero, low",
      "append #side: other-slot",
      "before #recs: same-selector-before",
    ]);
  });

  it("leaves out a slot whose rules all fail for this shopper", async () => {
    const ruleset = await compiled([
      rule("main-slot"),
      rule("side-established", { slot: { selector: "#side", position: "append" }, audience: "established" }),
    ]);
    expect(describeSlots(ruleset, "/products/p1", subject())).toEqual(["append #recs: main-slot"]);
    expect(describeSlots(ruleset, "/products/p1", subject({ established: true }))).toEqual([
      "append #recs: main-slot",
      "append #side: side-established",
    ]);
  });

  it("drops a higher-priority rule the shopper may not see, keeping the rest in order", async () => {
    const ruleset = await compiled([
      rule("fallback"),
      rule("vip", { priority: 50, audience: "established" }),
      rule("italian", { priority: 20, personas: ["italians"] }),
    ]);
    expect(describeSlots(ruleset, "/products/p1", subject({ country: "IT" }))).toEqual([
      "append #recs: italian, fallback",
    ]);
    expect(describeSlots(ruleset, "/products/p1", subject({ country: "IT", established: true }))).toEqual([
      "append #recs: vip, italian, fallback",
    ]);
    expect(describeSlots(ruleset, "/products/p1", undefined)).toEqual(["append #recs: fallback"]);
  });
});
