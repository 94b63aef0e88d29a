import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ProductSourceSchema, buildCatalogEntries } from "../../scripts/catalog/buildCatalogEntries";
import { validateRuleSetDocument } from "../../scripts/rules/validateRuleSetDocument";

const read = async (path: string): Promise<unknown> =>
  JSON.parse(await readFile(new URL(`../../${path}`, import.meta.url), "utf8"));

describe("kv-seed", () => {
  it("holds a valid ruleset", async () => {
    expect(validateRuleSetDocument(await read("kv-seed/ruleset.json"))).toEqual([]);
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
  it("names each problem by its path", () => {
    const problems = validateRuleSetDocument({
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
      "rules[0].slot.position: must be one of append, prepend, before, after",
      "rules[1].count: must be at least 2",
      'rules[2].template: no template named "missing"',
      'rules[3].template: template "cards" item has an unknown placeholder {{nope}}; use {{id}} {{title}} {{url}} {{image}} {{price}} {{category}}',
      "rules[4].slot.selector: ':has()' is not supported by HTMLRewriter",
      'rules[5].heading.en: "because you viewed" tells the shopper where the suggestion came from',
      'rules[6].personas: persona "pharma" is invalid (refers to the sensitive category "pharmacy", which never drives targeting)',
    ]);
  });
});
