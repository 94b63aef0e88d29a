import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { CategoryListSchema, ItemEntrySchema, ListEntrySchema } from "../../../src/core/catalog/Catalog";
import { type CatalogInput, catalogEntries, countCatalogEntries } from "../../../tools/catalog/catalogEntries";
import { bulkPutArgs, pushBulkFiles } from "../../../tools/catalog/pushBulkFiles";
import { bulkFilePaths, writeBulkFiles } from "../../../tools/catalog/writeBulkFiles";
import { product } from "./support";

const input: CatalogInput = {
  products: [
    product("moka", { popularity: 5 }),
    product("cups", { popularity: 9 }),
    product("spoon", { popularity: 7, inStock: false }),
    product("mug-red", { popularity: 7, group: "mug" }),
    product("mug-blue", { popularity: 8, group: "mug" }),
    product("pills", { category: "pharmacy", sensitive: true, popularity: 99 }),
    product("syrup", { category: "pharmacy", sensitive: true, popularity: 1 }),
  ],
  related: new Map([
    ["moka", ["cups", "pills", "cups", "nope", "moka"]],
    ["pills", ["syrup", "moka"]],
  ]),
  categories: [
    { slug: "kitchen", name: { it: "Cucina", en: "Kitchen" }, sensitive: false },
    { slug: "pharmacy", name: { it: "Farmacia", en: "Pharmacy" }, sensitive: true },
    { slug: "garden", name: { en: "Garden" }, sensitive: false },
  ],
};

const entries = [...catalogEntries(input)];
const value = (key: string): unknown => JSON.parse(entries.find((e) => e.key === key)?.value ?? "null");

describe("catalogEntries", () => {
  it("writes one entry per product and category, the popular list and the category list", () => {
    expect(entries.map((e) => e.key)).toEqual([
      "item:moka",
      "item:cups",
      "item:spoon",
      "item:mug-red",
      "item:mug-blue",
      "item:pills",
      "item:syrup",
      "category:kitchen",
      "category:pharmacy",
      "category:garden",
      "popular",
      "categories",
    ]);
    expect(countCatalogEntries(input)).toBe(entries.length);
  });

  it("writes entries the Worker's own schemas accept as they are", () => {
    for (const { key, value: text } of entries) {
      const json: unknown = JSON.parse(text);
      const schema = key.startsWith("item:")
        ? ItemEntrySchema
        : key === "categories"
          ? CategoryListSchema
          : ListEntrySchema;
      const parsed = v.safeParse(schema, json);
      expect(parsed.success, key).toBe(true);
      // No card is dropped on the way in: the Worker sees everything that was written.
      expect(parsed.output, key).toMatchObject(json as object);
    }
  });

  it("inlines related cards once each, known products only, never across the firewall", () => {
    const moka = v.parse(ItemEntrySchema, value("item:moka"));
    expect(moka.item).toMatchObject({ id: "moka", url: "/products/moka", category: "kitchen" });
    expect(moka.related.map((card) => card.id)).toEqual(["cups"]);
    expect(v.parse(ItemEntrySchema, value("item:pills")).related.map((card) => card.id)).toEqual(["syrup"]);
    expect(v.parse(ItemEntrySchema, value("item:cups")).related).toEqual([]);
  });

  it("ranks top items by popularity, in stock first, one variant per product", () => {
    const kitchen = v.parse(ListEntrySchema, value("category:kitchen"));
    expect(kitchen.items.map((card) => card.id)).toEqual(["cups", "mug-blue", "spoon", "moka"]);
    expect(value("category:pharmacy")).toMatchObject({ sensitive: true });
    expect(value("category:garden")).toEqual({ items: [] });
  });

  it("keeps sensitive products out of the popular list", () => {
    const popular = v.parse(ListEntrySchema, value("popular"));
    expect(popular.items.map((card) => card.id)).toEqual(["cups", "mug-blue", "spoon", "moka"]);
  });

  it("keeps at most 12 items a list", () => {
    const many = Array.from({ length: 30 }, (_, i) => product(`p${i}`, { popularity: i }));
    const lists = [...catalogEntries({ products: many, related: new Map(), categories: input.categories })];
    const kitchen = JSON.parse(lists.find((e) => e.key === "category:kitchen")?.value ?? "{}") as { items: unknown[] };
    expect(kitchen.items).toHaveLength(12);
  });
});

describe("bulk files", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("are one file up to the limit, numbered files above it", () => {
    expect(bulkFilePaths("/x/catalog.json", 10_000)).toEqual(["/x/catalog.json"]);
    expect(bulkFilePaths("/x/catalog.json", 10_001)).toEqual(["/x/catalog-001.json", "/x/catalog-002.json"]);
    expect(bulkFilePaths("/x/out", 5, 2)).toEqual(["/x/out-001.json", "/x/out-002.json", "/x/out-003.json"]);
  });

  it("hold every entry once, in order, as wrangler kv bulk put reads them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tact-bulk-"));
    dirs.push(dir);
    const files = await writeBulkFiles(catalogEntries(input), join(dir, "catalog.json"), entries.length, 5);
    expect(files.map((f) => [f.path, f.entries])).toEqual([
      [join(dir, "catalog-001.json"), 5],
      [join(dir, "catalog-002.json"), 5],
      [join(dir, "catalog-003.json"), 2],
    ]);
    const written = (await Promise.all(files.map(async (f) => JSON.parse(await readFile(f.path, "utf8"))))).flat();
    expect(written).toEqual(entries.map(({ key, value: text }) => ({ key, value: text })));
    const [first] = files;
    expect(first?.bytes).toBe((await readFile(first?.path ?? "")).length);
  });

  it("are pushed one wrangler call each, to TACT_CATALOG in the chosen environment", async () => {
    expect(bulkPutArgs("a.json", { kind: "remote", env: "staging", persistTo: undefined })).toEqual([
      "kv",
      "bulk",
      "put",
      "a.json",
      "--binding",
      "TACT_CATALOG",
      "--remote",
      "--env",
      "staging",
    ]);
    const calls: (readonly string[])[] = [];
    const progress: string[] = [];
    await pushBulkFiles(
      [
        { path: "a.json", entries: 10_000, bytes: 1 },
        { path: "b.json", entries: 3, bytes: 1 },
      ],
      { kind: "local", env: undefined, persistTo: "/tmp/state" },
      (message) => progress.push(message),
      async (args) => {
        calls.push(args);
        return { stdout: "", stderr: "" };
      },
    );
    expect(calls.map((args) => args.slice(3))).toEqual([
      ["a.json", "--binding", "TACT_CATALOG", "--local", "--persist-to", "/tmp/state"],
      ["b.json", "--binding", "TACT_CATALOG", "--local", "--persist-to", "/tmp/state"],
    ]);
    expect(progress).toEqual(["pushed 1/2 bulk files (10000 entries)", "pushed 2/2 bulk files (3 entries)"]);
  });
});
