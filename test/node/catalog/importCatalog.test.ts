import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CategoryListSchema, ItemEntrySchema, ListEntrySchema } from "../../../src/core/catalog/Catalog";
import { tact } from "../cliHarness";
import { feedPath } from "./support";

const root = fileURLToPath(new URL("../../../", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tact-import-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `tact import …argv`, with what it printed to stdout and stderr. */
async function run(...argv: string[]): Promise<{ code: number; output: string }> {
  const { code, out, err } = await tact(["import", ...argv], { cwd: root });
  return { code, output: [...out, ...err].join("\n") };
}

describe("tact import … --out", () => {
  it("imports a Merchant feed end to end into a bulk file the Worker can read", async () => {
    const out = join(dir, "catalog.json");
    const rejects = join(dir, "rejects.tsv");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "tools/cli/tact.mjs",
        "import",
        feedPath("merchant.xml"),
        "--mapping",
        feedPath("mapping.json"),
        "--cooccurrence",
        feedPath("cooccurrence.csv"),
        "--top-k",
        "3",
        "--out",
        out,
        "--rejects",
        rejects,
      ],
      { cwd: root },
    );
    expect(stdout).toContain("products read   13");
    expect(stdout).toContain("accepted        8");
    expect(stdout).toContain("rejected        5");
    expect(stdout).toContain('line 95 (bad-price): price: must be an amount and a currency, such as "12.50 EUR"');
    expect(stdout).toContain("categories      3, 1 sensitive: kitchen 4, garden 2, pharmacy 2 (sensitive)");
    expect(stdout).toContain("line 14: must be two fields: session_or_order_id,product_id");
    expect(stdout).toContain("item-to-item cosine (shrinkage 20)");
    expect(stdout).toMatch(/entries {9}13 \(.*catalog\.json\)/);
    expect(stdout).toMatch(/peak memory {5}RSS \d+ MB, heap used ≈ \d+ MB \(sampled\)/);

    const bulk = JSON.parse(await readFile(out, "utf8")) as { key: string; value: string }[];
    const entry = (key: string) => JSON.parse(bulk.find((e) => e.key === key)?.value ?? "null") as unknown;
    expect(bulk).toHaveLength(13);
    for (const { key, value } of bulk) {
      const schema = key.startsWith("item:")
        ? ItemEntrySchema
        : key === "categories"
          ? CategoryListSchema
          : ListEntrySchema;
      expect(v.safeParse(schema, JSON.parse(value)).success, key).toBe(true);
    }
    // Co-occurrence first (g01 0.71, k03 0.58, worked out in relatedItems.test.ts), then content similarity.
    expect(v.parse(ItemEntrySchema, entry("item:k01")).related.map((c) => c.id)).toEqual(["g01", "k03", "k02-blue"]);
    expect(v.parse(ItemEntrySchema, entry("item:h01")).related.map((c) => c.id)).toEqual(["h02"]);
    expect(v.parse(ListEntrySchema, entry("category:pharmacy")).sensitive).toBe(true);
    const popular = v.parse(ListEntrySchema, entry("popular")).items;
    expect(popular.some((card) => card.sensitive)).toBe(false);
    expect(popular[0]?.id).toBe("k01");

    const rejected = (await readFile(rejects, "utf8")).trim().split("\n");
    expect(rejected[0]).toBe("line\tid\treason");
    expect(rejected.slice(1).map((row) => row.split("\t").slice(0, 2))).toEqual([
      ["95", "bad-price"],
      ["104", "bad-link"],
      ["113", "bad-stock"],
      ["121", "k01"],
      ["130", "k 99"],
    ]);
  }, 60_000);

  it("imports TSV and Shopify feeds too", async () => {
    const tsv = await run(feedPath("merchant.tsv"), "--out", join(dir, "tsv.json"));
    expect(tsv.code).toBe(0);
    expect(tsv.output).toContain("(merchant-tsv)");
    const shopify = await run(
      feedPath("shopify-products.json"),
      "--currency",
      "EUR",
      "--mapping",
      feedPath("mapping.json"),
      "--out",
      join(dir, "shopify.json"),
    );
    expect(shopify.code).toBe(0);
    const bulk = JSON.parse(await readFile(join(dir, "shopify.json"), "utf8")) as { key: string }[];
    expect(bulk.map((e) => e.key)).toContain("item:moka-pot-3");
  });
});

describe("bad arguments and bad feeds", () => {
  it.each([
    [[], "name the feed to import"],
    [[feedPath("merchant.xml")], "say where the entries go: --out <file.json>, --local or --remote --env <name>"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--local"], "choose one of --out, --local"],
    [[feedPath("merchant.xml"), "--remote"], "--remote needs --env"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--env", "staging"], "--env goes with --local or --remote"],
    [
      [feedPath("merchant.xml"), "--out", "a.json", "--top-k", "100"],
      '--top-k must be a whole number from 1 to 50, not "100"',
    ],
    [
      [feedPath("merchant.xml"), "--out", "a.json", "--cooccurrence", "c.csv", "--shrinkage", "lots"],
      '--shrinkage must be a number from 0 to 1000, not "lots"',
    ],
    [[feedPath("merchant.xml"), "--out", "a.json", "--shrinkage", "5"], "--shrinkage goes with --cooccurrence"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--format", "csv"], "--format must be one of"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--bogus"], "Unknown option '--bogus'"],
    [["missing.xml", "--out", "a.json"], "cannot read the feed missing.xml"],
    [[feedPath("shopify-products.json"), "--out", "a.json"], "a Shopify feed has no currency: pass --currency"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--currency", "EUR"], "--currency and --base-url are for Shopify"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--id-from-link", "/products"], "must capture :id"],
    [[feedPath("merchant.xml"), "--out", "a.json", "--mapping", feedPath("merchant.tsv")], "is not valid JSON: line 1"],
    [[feedPath("cooccurrence.csv"), "--out", "a.json"], "cannot tell what format"],
  ])("%j → exit 2: %s", async (argv, message) => {
    const { code, output } = await run(...argv);
    expect(code).toBe(2);
    expect(output).toContain(message);
    if (!/cannot read|is not valid JSON/.test(message)) expect(output).toContain("run `tact import --help`");
  });

  it("names what is wrong in a mapping file, by path", async () => {
    const mapping = join(dir, "bad-mapping.json");
    await writeFile(mapping, JSON.stringify({ categories: { kitchen: { match: "Kitchen" } }, unmapped: "skip" }));
    const { code, output } = await run(feedPath("merchant.xml"), "--out", join(dir, "x.json"), "--mapping", mapping);
    expect(code).toBe(2);
    expect(output).toContain("categories.kitchen.match: ");
    expect(output).toContain('unmapped: must be "derive", "reject" or { "category": "<slug>" }');
  });

  it("writes nothing from a feed that breaks part way", async () => {
    const feed = join(dir, "broken.xml");
    const out = join(dir, "broken.json");
    const text = await readFile(feedPath("merchant.xml"), "utf8");
    await writeFile(feed, text.slice(0, 2000));
    const { code, output } = await run(feed, "--out", out);
    expect(code).toBe(1);
    expect(output).toMatch(/^error: nothing imported: .*broken\.xml, line \d+: not well-formed XML: [^\n]*[^.]$/);
    await expect(stat(out)).rejects.toThrow();
  });

  it("fails when no product is accepted", async () => {
    const feed = join(dir, "empty.tsv");
    await writeFile(feed, "id\ttitle\nx\tNo price\n");
    const { code, output } = await run(feed, "--out", join(dir, "empty.json"));
    expect(code).toBe(1);
    expect(output).toContain(
      "line 2 (x): link: missing; image_link: missing; price: missing; availability: missing; " +
        "category: needs a google_product_category or a product_type",
    );
    expect(output).toContain("error: nothing imported: the one product in");
    expect(output).not.toContain("entries");
  });

  it("prints its usage with --help", async () => {
    const { code, output } = await run("--help");
    expect(code).toBe(0);
    expect(output).toMatch(/^Usage: tact import <feed>/);
  });
});
