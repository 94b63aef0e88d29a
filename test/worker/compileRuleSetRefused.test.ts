import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import { TEMPLATES, document } from "../support/compiledRuleSets";

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
