import { describe, expect, it } from "vitest";
import { type CompiledRuleSet, compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { DEFAULT_SENSITIVE_CATEGORIES } from "../../src/core/ruleset/RuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";

const TEMPLATES = {
  cards: {
    block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
    item: '<li><a href="{{url}}">{{title}}</a> {{price}}</li>',
  },
};

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "picks",
    page: "/products/:id",
    slot: { selector: "#recs", position: "append" },
    count: 4,
    template: "cards",
    heading: { en: "Goes well with", it: "Si abbina bene con" },
    ...overrides,
  };
}

function document(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, templates: TEMPLATES, rules, ...extra };
}

async function compiled(doc: unknown): Promise<CompiledRuleSet> {
  const outcome = await compileRuleSet(doc, workerPlatform);
  if (!outcome.ok) throw new Error(`expected the document to compile: ${outcome.reasons.join("; ")}`);
  return outcome.ruleset;
}

/** Nests a fact `depth` levels deep in all/any/not. */
function nested(depth: number): unknown {
  let condition: unknown = { country: ["IT"] };
  for (let level = 0; level < depth; level++) {
    condition = level % 3 === 0 ? { not: condition } : level % 3 === 1 ? { all: [condition] } : { any: [condition] };
  }
  return condition;
}

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

describe("compileRuleSet: documents refused whole", () => {
  it.each<[string, unknown, string]>([
    ["null", null, "document: "],
    ["a string", "ruleset", "document: "],
    ["an array", [], "version: "],
    ["version 2", { version: 2, templates: {}, rules: [] }, "version: must be 1"],
    ["no version", { templates: {}, rules: [] }, "version: "],
    ["no templates", { version: 1, rules: [] }, "templates: "],
    ["rules that are not a list", { version: 1, templates: {}, rules: {} }, "rules: "],
    ["more than 200 rules", { version: 1, templates: {}, rules: Array.from({ length: 201 }, () => ({})) }, "rules: "],
    [
      "a template without item",
      { version: 1, templates: { t: { block: "<div>{{items}}</div>" } }, rules: [] },
      "templates.t.item: ",
    ],
    [
      "a template with a bad name",
      { version: 1, templates: { "Bad Name": TEMPLATES.cards }, rules: [] },
      "templates.Bad Name",
    ],
    [
      "a bad language",
      document([], { settings: { languages: ["english"] } }),
      'settings.languages[0]: must be a language code such as "it"',
    ],
    ["minItems below 2", document([], { settings: { minItems: 1 } }), "settings.minItems: "],
    ["a slot deadline of 0", document([], { settings: { slotDeadlineMs: 0 } }), "settings.slotDeadlineMs: "],
    [
      "a bad sensitive category",
      document([], { settings: { sensitiveCategories: ["Health"] } }),
      "settings.sensitiveCategories[0]: ",
    ],
    [
      "a product pattern without :id",
      document([], { settings: { pages: { product: "/p/:sku" } } }),
      "settings.pages.product: must capture :id",
    ],
    [
      "a category pattern without :slug",
      document([], { settings: { pages: { category: "/c/:name" } } }),
      "settings.pages.category: must capture :slug",
    ],
    [
      "an invalid conversion pattern",
      document([], { settings: { pages: { conversion: "/done/(" } } }),
      'settings.pages.conversion: "/done/(" is not a pattern tact takes',
    ],
    [
      "an invalid product pattern",
      document([], { settings: { pages: { product: "/p/:id/:id" } } }),
      'settings.pages.product: "/p/:id/:id" is not a pattern tact takes',
    ],
    [
      "a page pattern that is not a path",
      document([], { settings: { pages: { product: "p/:id" } } }),
      "settings.pages.product: ",
    ],
  ])("refuses %s", async (_name, doc, reason) => {
    const outcome = await compileRuleSet(doc, workerPlatform);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reasons.join("\n")).toContain(reason);
  });

  it("names every issue, each on its own", async () => {
    const outcome = await compileRuleSet({ version: 3, templates: 1, rules: 2, settings: 4 }, workerPlatform);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.reasons.map((reason) => reason.split(":")[0])).toEqual([
        "version",
        "settings",
        "templates",
        "rules",
      ]);
  });

  it("lists fifty issues at most, and counts the rest", async () => {
    const outcome = await compileRuleSet(
      document([], { settings: { sensitiveCategories: Array(80).fill("X") } }),
      workerPlatform,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.reasons).toHaveLength(51);
      expect(outcome.reasons[50]).toBe("and 30 more problems");
    }
  });

  it("refuses more than 200 templates", async () => {
    const templates = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`t${i}`, TEMPLATES.cards]));
    const outcome = await compileRuleSet({ version: 1, templates, rules: [] }, workerPlatform);
    expect(outcome.ok).toBe(false);
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
