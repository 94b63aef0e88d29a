/**
 * `npm run rules -- validate <file>` on broken documents: each problem on its
 * own line as "path: reason", in words a tester understands, then a count;
 * exit 1. The checks are the Worker's own (schemas, compiler, copy guard),
 * run inside workerd, so selectors, templates and URL patterns are judged by
 * HTMLRewriter and the Worker's code themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";
import { TEMPLATES, document, rule } from "./validateDocuments";

afterAll(closeValidator);

describe("validate", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

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

  it("refuses a birthday rule that is not for established customers, naming the path", async () => {
    const personas = { "birthday-week": { birthday: { withinDays: 3 } } };
    await writeJson(
      dir,
      "birthday.json",
      document([rule(), rule({ id: "gift", personas: ["birthday-week"] })], { personas }),
    );
    const run = await runCli(["validate", "birthday.json"], { cwd: dir });
    expect(run.out).toEqual([
      'rules[1].personas: persona "birthday-week" uses the birthday the shopper gave; only a rule with audience "established" may use it',
      "1 problem in birthday.json",
    ]);
    expect(run.code).toBe(1);

    await writeJson(
      dir,
      "wishes.json",
      document([rule({ audience: "established", allowPersonalCopy: true, heading: { it: "Tanti auguri!" } })]),
    );
    const wishes = await runCli(["validate", "wishes.json"], { cwd: dir });
    expect(wishes.out[0]).toMatch(/^rules\[0\]\.heading\.it: "auguri" wishes a happy birthday/);
    expect(wishes.code).toBe(1);
  });

  it("passes the seed ruleset", async () => {
    const run = await runCli(["validate", new URL("../../kv-seed/ruleset.json", import.meta.url).pathname], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/is valid: \d+ rules/);
  });
});
