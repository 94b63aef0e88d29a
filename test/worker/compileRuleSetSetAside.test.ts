import { describe, expect, it } from "vitest";
import { TEMPLATES, compiled, document, nested, rule } from "../support/compiledRuleSets";

describe("compileRuleSet: rules and personas set aside", () => {
  const personas = {
    italians: { country: ["IT"] },
    "tea-lovers": { affinity: { category: "tea", atLeast: 2 } },
    "health-fans": { affinity: { category: "health", atLeast: 1 } },
    "pill-fans": { any: [{ country: ["IT"] }, { not: { prefers: "pharmacy" } }] },
    "wine-fans": { prefers: "wine" },
    "six-deep": nested(6),
    "seven-deep": nested(7),
    broken: { favourite: "tea" },
  };

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      "a persona built on a sensitive category",
      { personas: ["health-fans"] },
      {},
      'rules[1].personas: persona "health-fans" is invalid (refers to the sensitive category "health", which never drives targeting)',
    ],
    [
      "a persona naming a sensitive category deep inside",
      { personas: ["pill-fans"] },
      {},
      'persona "pill-fans" is invalid (refers to the sensitive category "pharmacy"',
    ],
    [
      "a persona on a category the settings call sensitive",
      { personas: ["wine-fans"] },
      { settings: { sensitiveCategories: ["wine"] } },
      'refers to the sensitive category "wine"',
    ],
    [
      "a persona nested deeper than 6",
      { personas: ["seven-deep"] },
      {},
      'persona "seven-deep" is invalid (nests all/any/not deeper than 6)',
    ],
    ["a persona that is not a condition", { personas: ["broken"] }, {}, 'persona "broken" is invalid ('],
    ["an unknown persona", { personas: ["italians", "ghosts"] }, {}, 'rules[1].personas: no persona named "ghosts"'],
    [
      "a sensitive category in rule.categories",
      { categories: ["tea", "health"] },
      {},
      'rules[1].categories: "health" is a sensitive category and never drives targeting',
    ],
    [
      "a category the settings call sensitive in rule.categories",
      { categories: ["wine"] },
      { settings: { sensitiveCategories: ["wine"] } },
      'rules[1].categories: "wine" is a sensitive category',
    ],
    [
      '"usual" for everyone',
      { strategies: ["contextual", "usual"] },
      {},
      'rules[1].strategies: "usual" shows what a shopper keeps coming back to; only a rule with audience "established" may use it',
    ],
    [
      '"usual" for an explicit audience "everyone"',
      { audience: "everyone", strategies: ["usual"] },
      {},
      'rules[1].strategies: "usual"',
    ],
    [
      "allowPersonalCopy for everyone",
      { allowPersonalCopy: true },
      {},
      'rules[1].allowPersonalCopy: only a rule with audience "established" may use personal copy',
    ],
    [
      "a heading that reveals the source",
      { heading: { en: "Goes well with", it: "Perché hai visto" } },
      {},
      'rules[1].heading.it: "perche hai visto" tells the shopper where the suggestion came from',
    ],
    [
      "an English heading that reveals the source",
      { heading: { en: "Based on your history" } },
      {},
      'rules[1].heading.en: "based on your" tells the shopper',
    ],
    [
      "personal copy without allowPersonalCopy, even for established customers",
      { audience: "established", heading: { it: "Bentornata!" } },
      {},
      'rules[1].heading.it: "bentornata" shows personal knowledge',
    ],
    [
      "a template whose own words reveal the source",
      { template: "recent" },
      {},
      'rules[1].template: template "recent": "recently viewed" tells the shopper',
    ],
    ["an unknown template", { template: "nope" }, {}, 'rules[1].template: no template named "nope"'],
    [
      "a template that does not compile",
      { template: "itemless" },
      {},
      'rules[1].template: template "itemless" is not valid (see templates.itemless)',
    ],
    ["a duplicate id", { id: "first" }, {}, 'rules[1].id: "first" is used by an earlier rule'],
    [
      "an unsupported selector",
      { slot: { selector: "a:hover", position: "append" } },
      {},
      'rules[1].slot.selector: "a:hover" is not supported by HTMLRewriter',
    ],
    [
      "an invalid page pattern",
      { page: "/products/(" },
      {},
      'rules[1].page: "/products/(" is not a pattern tact takes',
    ],
    ["a page that is not a path", { page: "products" }, {}, 'rules[1].page: must be a path pattern starting with "/"'],
    ["a count of 1", { count: 1 }, {}, "rules[1].count: must be at least 2"],
    [
      "an unknown strategy",
      { strategies: ["magic"] },
      {},
      "rules[1].strategies[0]: must be one of contextual, related",
    ],
    [
      "an unknown position",
      { slot: { selector: "#x", position: "inside" } },
      {},
      "rules[1].slot.position: must be one of append",
    ],
    ["a heading without copy", { heading: {} }, {}, "rules[1].heading: needs copy in at least one language"],
    ["an upper-case id", { id: "Picks" }, {}, "rules[1].id: must be lowercase letters"],
  ])("sets aside %s", async (_name, overrides, extra, reason) => {
    const doc = document([rule({ id: "first" }), rule({ id: "second", ...overrides }), rule({ id: "third" })], {
      personas,
      templates: {
        ...TEMPLATES,
        recent: { block: "<section><h3>Recently viewed</h3><ul>{{items}}</ul></section>", item: "<li>{{title}}</li>" },
        itemless: { block: "<section>{{heading}}</section>", item: "<li>{{title}}</li>" },
      },
      ...extra,
    });
    const ruleset = await compiled(doc);
    const problems = ruleset.skipped.filter((problem) => problem.path === "rules[1]");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reasons.join("\n")).toContain(reason);
    // The rule's neighbours are untouched.
    expect(ruleset.rules.map((r) => r.id)).toEqual(["first", "third"]);
  });

  it("reports each bad persona once, under its name, and keeps the good ones", async () => {
    const ruleset = await compiled(
      document([rule({ personas: ["six-deep", "italians", "tea-lovers"] })], { personas }),
    );
    expect(ruleset.rules).toHaveLength(1);
    expect(ruleset.rules[0]!.personas).toHaveLength(3);
    expect(ruleset.skipped.map((problem) => problem.path).sort()).toEqual([
      "personas.broken",
      "personas.health-fans",
      "personas.pill-fans",
      "personas.seven-deep",
    ]);
    expect(ruleset.skipped.find((p) => p.id === "seven-deep")?.reasons).toEqual([
      "personas.seven-deep: nests all/any/not deeper than 6",
    ]);
  });

  it("lets health drive targeting when the settings name other sensitive categories", async () => {
    const ruleset = await compiled(
      document([rule({ personas: ["health-fans"], categories: ["health"] })], {
        personas,
        settings: { sensitiveCategories: ["wine"] },
      }),
    );
    expect(ruleset.rules.map((r) => r.id)).toEqual(["picks"]);
  });

  it("names the id of a rule that fails the schema", async () => {
    const ruleset = await compiled(document([rule({ id: "no-count", count: undefined }), "not a rule", null]));
    expect(ruleset.rules).toEqual([]);
    expect(ruleset.skipped.map((p) => [p.path, p.id])).toEqual([
      ["rules[0]", "no-count"],
      ["rules[1]", undefined],
      ["rules[2]", undefined],
    ]);
  });

  it("skips a rule whose id is not a string, even one that cannot be printed", async () => {
    const unprintable = { toString: false };
    const ruleset = await compiled(document([rule({ id: unprintable }), rule({ id: 7 }), rule()]));
    expect(ruleset.rules.map((r) => r.id)).toEqual(["picks"]);
    expect(ruleset.skipped.map((p) => [p.path, p.id])).toEqual([
      ["rules[0]", undefined],
      ["rules[1]", undefined],
    ]);
  });

  it("counts a disabled rule's id against a later duplicate", async () => {
    const ruleset = await compiled(document([rule({ id: "a", enabled: false }), rule({ id: "a" })]));
    expect(ruleset.rules).toEqual([]);
    expect(ruleset.skipped).toEqual([
      { path: "rules[1]", id: "a", reasons: ['rules[1].id: "a" is used by an earlier rule'] },
    ]);
  });

  it("still checks disabled rules", async () => {
    const ruleset = await compiled(document([rule({ enabled: false, heading: { en: "Recently viewed" } })]));
    expect(ruleset.rules).toEqual([]);
    expect(ruleset.skipped[0]?.reasons.join()).toContain('"recently viewed" tells the shopper');
  });
});
