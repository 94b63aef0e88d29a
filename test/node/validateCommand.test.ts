/**
 * `npm run rules -- validate <file>` on broken documents: each problem on its
 * own line as "path: reason", in words a tester understands, then a count;
 * exit 1. The checks are the Worker's own (schemas, compiler, copy guard),
 * run inside workerd, so selectors, templates and URL patterns are judged by
 * HTMLRewriter and the Worker's code themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";

afterAll(closeValidator);

const TEMPLATES = {
  cards: {
    block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
    item: '<li><a href="{{url}}">{{title}}</a></li>',
  },
};

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "picks",
    page: "/products/:id",
    slot: { selector: ".product-extras", position: "append" },
    count: 4,
    template: "cards",
    heading: { it: "Si abbina bene con", en: "Goes well with" },
    ...overrides,
  };
}

function document(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, templates: TEMPLATES, rules, ...extra };
}

const experiment = (overrides: Record<string, unknown> = {}) => ({
  key: "picks-test",
  traffic: 50,
  variants: [
    { id: "control", weight: 1, control: "baseline" },
    { id: "warm", weight: 1, heading: { en: "Good with it" } },
  ],
  ...overrides,
});

/** [name, document, the one problem validate must print] */
const BROKEN: readonly (readonly [string, unknown, string])[] = [
  [
    "a selector HTMLRewriter cannot match (:has)",
    document([rule({ slot: { selector: "div:has(p)", position: "append" } })]),
    'rules[0].slot.selector: "div:has(p)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
  ],
  [
    "a sibling combinator",
    document([rule({ slot: { selector: "h2 + .product-extras", position: "append" } })]),
    'rules[0].slot.selector: "h2 + .product-extras" is not supported by HTMLRewriter: unsupported combinator `+` in selector',
  ],
  [
    "a pseudo-class lol-html does not implement",
    document([rule({ slot: { selector: "li:last-child", position: "after" } })]),
    'rules[0].slot.selector: "li:last-child" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
  ],
  [
    "a selector that is not CSS",
    document([rule({ slot: { selector: ".picks >", position: "append" } })]),
    'rules[0].slot.selector: ".picks >" is not supported by HTMLRewriter: dangling combinator in selector',
  ],
  [
    "copy that reveals the source (English)",
    document([rule({ heading: { it: "Si abbina bene con", en: "Because you viewed this" } })]),
    'rules[0].heading.en: "because you viewed" tells the shopper where the suggestion came from',
  ],
  [
    "copy that reveals the source (Italian, in a variant)",
    document([
      rule({
        experiment: experiment({
          variants: [
            { id: "control", weight: 1, control: "baseline" },
            { id: "warm", weight: 1, heading: { it: "Perché hai visto questi" } },
          ],
        }),
      }),
    ]),
    'rules[0].experiment.variants[1].heading.it: "perche hai visto" tells the shopper where the suggestion came from',
  ],
  ["a number written as text", document([rule({ count: "4" })]), 'rules[0].count: must be a number, not "4"'],
  ["too few items", document([rule({ count: 1 })]), "rules[0].count: must be at least 2"],
  [
    "a missing field",
    document([Object.fromEntries(Object.entries(rule()).filter(([key]) => key !== "template"))]),
    "rules[0].template: is missing",
  ],
  ["an unknown template", document([rule({ template: "tiles" })]), 'rules[0].template: no template named "tiles"'],
  [
    "a URL pattern with a regular expression that can backtrack",
    document([rule({ page: "/p/:x((?:a|aa)+b)" })]),
    'rules[0].page: "/p/:x((?:a|aa)+b)" is not a pattern tact takes: use literal segments, ":name" and at most one "*", at the end of a segment, no regular expressions, groups or modifiers, so that matching stays linear in the path',
  ],

  [
    "experiment traffic above 100%",
    document([rule({ experiment: experiment({ traffic: 150 }) })]),
    "rules[0].experiment.traffic: must be at most 100, not 150",
  ],
  [
    "an experiment with one variant",
    document([rule({ experiment: experiment({ variants: [{ id: "control", weight: 1 }] }) })]),
    "rules[0].experiment.variants: needs at least two variants",
  ],
  [
    "the same rule id twice",
    document([rule(), rule({ page: "/" })]),
    'rules[1].id: "picks" is used by an earlier rule',
  ],
  [
    "a sensitive category driving a rule",
    document([rule({ categories: ["pharmacy"] })]),
    'rules[0].categories: "pharmacy" is a sensitive category and never drives targeting',
  ],
  [
    '"usual" for everyone',
    document([rule({ strategies: ["usual"] })]),
    'rules[0].strategies: "usual" shows what a shopper keeps coming back to; only a rule with audience "established" may use it',
  ],
  ["a wrong version", { ...document([rule()]), version: 2 }, "version: must be 1"],
  [
    "a product pattern without :id",
    document([rule()], { settings: { pages: { product: "/p/:slug" } } }),
    "settings.pages.product: must capture :id",
  ],
];

describe("validate", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it.each(BROKEN)("names the problem by path: %s", async (_name, broken, problem) => {
    await writeJson(dir, "broken.json", broken);
    const run = await runCli(["validate", "broken.json"], { cwd: dir });
    expect(run.out).toEqual([problem, "1 problem in broken.json"]);
    expect(run.code).toBe(1);
  });

  it("lists every problem of a document, one per line, then the count", async () => {
    await writeJson(
      dir,
      "many.json",
      document([
        rule({ slot: { selector: "div:has(p)", position: "append" } }),
        rule({ id: "second", count: 1 }),
        rule({ id: "third", heading: { en: "Based on your history" } }),
      ]),
    );
    const run = await runCli(["validate", "many.json"], { cwd: dir });
    expect(run.out).toEqual([
      'rules[0].slot.selector: "div:has(p)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
      "rules[1].count: must be at least 2",
      'rules[2].heading.en: "based on your" tells the shopper where the suggestion came from',
      "3 problems in many.json",
    ]);
    expect(run.code).toBe(1);
  });

  it("names a template's problem by its path, and the rule that uses it", async () => {
    const item = '<li><img src="{{image}}"onerror="alert(1)">{{title}}</li>';
    await writeJson(dir, "handler.json", document([rule()], { templates: { cards: { ...TEMPLATES.cards, item } } }));
    const run = await runCli(["validate", "handler.json"], { cwd: dir });
    expect(run.out).toEqual([
      "templates.cards.item: <img> may not have onerror",
      'rules[0].template: template "cards" is not valid (see templates.cards)',
      "2 problems in handler.json",
    ]);
  });

  it("shows a rule with three problems as three lines", async () => {
    await writeJson(
      dir,
      "three.json",
      document([
        rule({
          page: "/p/(.*)",
          slot: { selector: "h2 ~ p", position: "after" },
          heading: { it: "Visti di recente", en: "Goes well with" },
        }),
      ]),
    );
    const run = await runCli(["validate", "three.json"], { cwd: dir });
    expect(run.out.map((line) => line.split(":")[0])).toEqual([
      "rules[0].page",
      "rules[0].slot.selector",
      "rules[0].heading.it",
      "3 problems in three.json",
    ]);
    expect(run.code).toBe(1);
  });

  it("lists each document-level problem on its own line", async () => {
    await writeJson(dir, "bare.json", { version: 1 });
    const run = await runCli(["validate", "bare.json"], { cwd: dir });
    expect(run.out).toEqual(["templates: is missing", "rules: is missing", "2 problems in bare.json"]);
  });

  it("says where a file stops being JSON", async () => {
    await writeJson(dir, "torn.json", '{\n  "version": 1,\n  "rules": [\n}\n');
    const run = await runCli(["validate", "torn.json"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err[0]).toBe(
      `error: torn.json is not valid JSON: line 4, column 1: unexpected "}" (a value was expected)`,
    );
  });

  it("passes a valid document, and warns about fields the Worker would ignore", async () => {
    await writeJson(dir, "good.json", document([rule(), rule({ id: "off", enabled: false })]));
    const good = await runCli(["validate", "good.json"], { cwd: dir });
    expect(good.out).toEqual(["good.json is valid: 2 rules (1 switched on), 0 problems"]);
    expect(good.code).toBe(0);

    await writeJson(dir, "typo.json", document([rule({ enabeld: false })]));
    const typo = await runCli(["validate", "typo.json"], { cwd: dir });
    expect(typo.out).toEqual([
      "warning: rules[0].enabeld: unknown field, ignored (a typo?)",
      "typo.json is valid: 1 rule (1 switched on), 0 problems, 1 warning",
    ]);
    expect(typo.code).toBe(0);
  });

  it("passes the seed ruleset", async () => {
    const run = await runCli(["validate", new URL("../../kv-seed/ruleset.json", import.meta.url).pathname], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/is valid: \d+ rules/);
  });
});
