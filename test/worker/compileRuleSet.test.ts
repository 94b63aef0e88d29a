import { describe, expect, it } from "vitest";
import { DEFAULT_SENSITIVE_CATEGORIES } from "../../src/core/ruleset/RuleSet";
import { TEMPLATES, compiled, document, rule } from "../support/compiledRuleSets";

describe("compileRuleSet: a valid document", () => {
  it("compiles a rule with the documented defaults", async () => {
    const ruleset = await compiled(document([rule()]));
    expect(ruleset.skipped).toEqual([]);
    expect(ruleset.rules).toHaveLength(1);
    expect(ruleset.rules[0]).toMatchObject({
      id: "picks",
      priority: 0,
      selector: "#recs",
      position: "append",
      personas: undefined,
      established: false,
      strategies: ["contextual", "related", "affinity", "popular"],
      categories: undefined,
      count: 4,
      maxPerCategory: 2,
      cap: undefined,
      heading: { en: "Goes well with", it: "Si abbina bene con" },
    });
    expect(ruleset.settings).toMatchObject({
      languages: ["en"],
      minItems: 2,
      maxPerCategory: 2,
      affinityHalfLifeDays: 30,
    });
    expect([...ruleset.sensitive].sort()).toEqual([...DEFAULT_SENSITIVE_CATEGORIES].sort());
  });

  it("compiles URL patterns for pages and rules", async () => {
    const ruleset = await compiled(document([rule()]));
    const url = (path: string) => new URL(`https://shop.test${path}`);
    expect(ruleset.rules[0]!.page.match(url("/products/p1"))).toEqual({ id: "p1" });
    expect(ruleset.rules[0]!.page.match(url("/category/tea"))).toBeUndefined();
    expect(ruleset.pages.product.match(url("/products/p1"))).toEqual({ id: "p1" });
    expect(ruleset.pages.category.match(url("/category/tea"))).toEqual({ slug: "tea" });
    expect(ruleset.pages.conversion.match(url("/checkout/complete"))).toBeDefined();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["a rule's maxPerCategory over the settings'", { maxPerCategory: 3 }, { maxPerCategory: 3 }],
    [
      "a cap in hours, as seconds",
      { cap: { impressions: 2, perHours: 1.5 } },
      { cap: { impressions: 2, windowSeconds: 5400 } },
    ],
    [
      "a cap of a fraction of an hour, rounded",
      { cap: { impressions: 1, perHours: 0.1 } },
      { cap: { impressions: 1, windowSeconds: 360 } },
    ],
    ["audience established", { audience: "established" }, { established: true }],
    ["an empty persona list, as everyone", { personas: [] }, { personas: undefined }],
    ["a persona, as its condition", { personas: ["italians"] }, { personas: [{ country: ["IT"] }] }],
    [
      "usual with audience established",
      { audience: "established", strategies: ["usual", "popular"] },
      { strategies: ["usual", "popular"] },
    ],
    [
      "personal copy with audience established and allowPersonalCopy",
      { audience: "established", allowPersonalCopy: true, heading: { it: "Il solito?", en: "The usual?" } },
      { heading: { it: "Il solito?", en: "The usual?" } },
    ],
    ["allowed categories", { categories: ["tea", "coffee"] }, { categories: ["tea", "coffee"] }],
    ["a priority", { priority: -5 }, { priority: -5 }],
  ])("keeps %s", async (_name, overrides, expected) => {
    const ruleset = await compiled(document([rule(overrides)], { personas: { italians: { country: ["it"] } } }));
    expect(ruleset.skipped).toEqual([]);
    expect(ruleset.rules[0]).toMatchObject(expected);
  });

  it("uses the settings' maxPerCategory by default", async () => {
    const ruleset = await compiled(document([rule()], { settings: { maxPerCategory: 4 } }));
    expect(ruleset.rules[0]!.maxPerCategory).toBe(4);
  });

  it("keeps valid rules in document order and leaves disabled ones out without a problem", async () => {
    const ruleset = await compiled(
      document([
        rule({ id: "a" }),
        rule({ id: "b", enabled: false }),
        rule({ id: "c", priority: 9 }),
        rule({ id: "d" }),
      ]),
    );
    expect(ruleset.rules.map((r) => r.id)).toEqual(["a", "c", "d"]);
    expect(ruleset.skipped).toEqual([]);
  });
});

describe("compileRuleSet: every problem at once", () => {
  it("reports a rule's three problems as three reasons", async () => {
    const ruleset = await compiled(
      document([
        rule({
          page: "/p/:x((?:a|aa)+b)",
          slot: { selector: "h2 + p", position: "after" },
          heading: { en: "Because you viewed this" },
        }),
      ]),
    );
    expect(ruleset.skipped).toEqual([
      {
        path: "rules[0]",
        id: "picks",
        reasons: [
          'rules[0].page: "/p/:x((?:a|aa)+b)" is not a pattern tact takes: use literal segments, ":name" and at most one "*", at the end of a segment, no regular expressions, groups or modifiers, so that matching stays linear in the path',
          'rules[0].slot.selector: "h2 + p" is not supported by HTMLRewriter: unsupported combinator `+` in selector',
          'rules[0].heading.en: "because you viewed" tells the shopper where the suggestion came from',
        ],
      },
    ]);
  });

  it("still judges the fields the schemas took, in a rule they refuse", async () => {
    const ruleset = await compiled(
      document([rule({ count: 1, slot: { selector: "div:has(p)", position: "append" }, template: "nope" })]),
    );
    expect(ruleset.skipped[0]?.reasons).toEqual([
      "rules[0].count: must be at least 2",
      'rules[0].slot.selector: "div:has(p)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
      'rules[0].template: no template named "nope"',
    ]);
  });

  it("reports a template's problems under its name, and the rules that use it", async () => {
    const ruleset = await compiled(
      document([rule()], {
        templates: {
          cards: { block: TEMPLATES.cards.block, item: '<li><img src="{{image}}"onerror="alert(1)">{{title}}</li>' },
          unused: { block: "<div>{{items}}</div>", item: "<svg/onload=alert(1)>" },
        },
      }),
    );
    expect(ruleset.rules).toEqual([]);
    expect(ruleset.skipped).toEqual([
      { path: "templates.cards", id: "cards", reasons: ["templates.cards.item: <img> may not have onerror"] },
      {
        path: "templates.unused",
        id: "unused",
        reasons: ["templates.unused.item: <svg> is not allowed", "templates.unused.item: <svg> is never closed"],
      },
      {
        path: "rules[0]",
        id: "picks",
        reasons: ['rules[0].template: template "cards" is not valid (see templates.cards)'],
      },
    ]);
  });
});

describe("compileRuleSet: rules that could never show", () => {
  it("skips a rule whose count is below settings.minItems", async () => {
    const result = await compiled(document([rule({ count: 3 })], { settings: { minItems: 4 } }));
    expect(result.rules).toEqual([]);
    expect(result.skipped[0]?.reasons).toEqual([
      "rules[0].count: 3 is below settings.minItems (4), so the rule could never show",
    ]);
  });
});
