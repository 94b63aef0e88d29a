import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { ProductSourceSchema, buildCatalogEntries } from "../../tools/catalog/buildCatalogEntries";
import { validateRuleSetDocument } from "../../tools/rules/validateRuleSetDocument";
import { closeValidator, sharedValidator } from "./cliHarness";

const text = (path: string): Promise<string> => readFile(new URL(`../../${path}`, import.meta.url), "utf8");
const read = async (path: string): Promise<unknown> => JSON.parse(await text(path));
const validate = async (document: unknown) =>
  validateRuleSetDocument(JSON.stringify(document), await sharedValidator());

afterAll(closeValidator);

describe("kv-seed", () => {
  it("holds a valid ruleset", async () => {
    expect(await validateRuleSetDocument(await text("kv-seed/ruleset.json"), await sharedValidator())).toEqual([]);
  });

  it("builds one entry per product and category plus the popular list", async () => {
    const source = v.parse(ProductSourceSchema, await read("kv-seed/products.json"));
    const entries = buildCatalogEntries(source);
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k) => k.startsWith("item:"))).toHaveLength(source.products.length);
    expect(keys.filter((k) => k.startsWith("category:"))).toHaveLength(source.categories.length);
    expect(keys).toContain("categories");
    expect(new Set(keys).size).toBe(keys.length);

    const value = (key: string) => JSON.parse(entries.find((e) => e.key === key)?.value ?? "null");
    const popular: { category: string }[] = value("popular").items;
    expect(popular.length).toBeGreaterThanOrEqual(4);
    expect(popular.some((card) => card.category === "pharmacy")).toBe(false);
    for (const product of source.products.filter((p) => p.category !== "pharmacy")) {
      const related: { category: string }[] = value(`item:${product.id}`).related;
      expect(related.some((card) => card.category === "pharmacy")).toBe(false);
    }
  });
});

describe("ruleset validation", () => {
  it("names each problem by its path", async () => {
    const problems = await validate({
      version: 1,
      templates: {
        cards: { block: "<div>{{items}}</div>", item: "<p>{{nope}}</p>" },
        ok: { block: "<div>{{items}}</div>", item: "<p>{{title}}</p>" },
      },
      personas: { pharma: { affinity: { category: "pharmacy", atLeast: 1 } } },
      rules: [
        {
          id: "a",
          page: "/",
          slot: { selector: "#x", position: "inside" },
          count: 2,
          template: "ok",
          heading: { it: "Ciao" },
        },
        {
          id: "b",
          page: "/",
          slot: { selector: "#x", position: "append" },
          count: 1,
          template: "ok",
          heading: { it: "Ciao" },
        },
        {
          id: "c",
          page: "/",
          slot: { selector: "#x", position: "append" },
          count: 2,
          template: "missing",
          heading: { it: "Ciao" },
        },
        {
          id: "d",
          page: "/",
          slot: { selector: "#x", position: "append" },
          count: 2,
          template: "cards",
          heading: { it: "Ciao" },
        },
        {
          id: "e",
          page: "/",
          slot: { selector: "div:has(p)", position: "append" },
          count: 2,
          template: "ok",
          heading: { it: "Ciao" },
        },
        {
          id: "f",
          page: "/",
          slot: { selector: "#x", position: "append" },
          count: 2,
          template: "ok",
          heading: { en: "Because you viewed this" },
        },
        {
          id: "g",
          page: "/",
          slot: { selector: "#x", position: "append" },
          count: 2,
          template: "ok",
          heading: { it: "Ciao" },
          personas: ["pharma"],
        },
      ],
    });
    expect(problems).toEqual([
      'personas.pharma: refers to the sensitive category "pharmacy", which never drives targeting',
      "templates.cards.item: {{nope}} is not a placeholder here; use {{id}} {{title}} {{url}} {{image}} {{price}} {{category}}",
      "rules[0].slot.position: must be one of append, prepend, before, after",
      "rules[1].count: must be at least 2",
      'rules[2].template: no template named "missing"',
      'rules[3].template: template "cards" is not valid (see templates.cards)',
      'rules[4].slot.selector: "div:has(p)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
      'rules[5].heading.en: "because you viewed" tells the shopper where the suggestion came from',
      'rules[6].personas: persona "pharma" is invalid (refers to the sensitive category "pharmacy", which never drives targeting)',
    ]);
  });
});
