import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { FeedSyntaxError } from "../../../tools/catalog/FeedRecord";
import { jsonArrayElements } from "../../../tools/catalog/jsonArrayElements";
import { detectFeedFormat, readFeed } from "../../../tools/catalog/readFeed";
import { readMerchantTsv } from "../../../tools/catalog/readMerchantTsv";
import { readMerchantXml } from "../../../tools/catalog/readMerchantXml";
import { readShopifyJson } from "../../../tools/catalog/readShopifyJson";
import { byId, chunked, collect, feedPath } from "./support";

const noShopify = { currency: undefined, baseUrl: undefined };

describe("Merchant Center XML", () => {
  it("reads every item of an RSS feed with the line it starts on", async () => {
    const records = await collect(readFeed(feedPath("merchant.xml"), "merchant-xml", noShopify));
    expect(records.map((r) => [r.line, r.fields["id"]?.[0]])).toEqual([
      [7, "k01"],
      [19, "k02-red"],
      [30, "k02-blue"],
      [41, "k03"],
      [52, "g01"],
      [66, "g02"],
      [76, "h01"],
      [85, "h02"],
      [95, "bad-price"],
      [104, "bad-link"],
      [113, "bad-stock"],
      [121, "k01"],
      [130, "k 99"],
    ]);
  });

  it("takes attributes from g: and plain RSS elements, decodes entities and CDATA", async () => {
    const records = byId(await collect(readFeed(feedPath("merchant.xml"), "merchant-xml", noShopify)));
    expect(records.get("k01")?.fields).toMatchObject({
      title: ["Moka pot, 3 cups"],
      price: ["24.90 EUR"],
      google_product_category: ["Home & Garden > Kitchen & Dining > Kitchen Appliances"],
      product_type: ["Kitchen > Coffee makers"],
      brand: ["Bialetti"],
    });
    expect(records.get("k02-red")?.fields).toMatchObject({
      title: ["Moka pot, 6 cups, red"],
      link: ["https://shop.example.com/products/k02?colour=red"],
      item_group_id: ["k02"],
    });
  });

  it("ignores nested elements: the shipping price is not the product's price", async () => {
    const records = byId(await collect(readFeed(feedPath("merchant.xml"), "merchant-xml", noShopify)));
    expect(records.get("g01")?.fields["price"]).toEqual(["45.00 EUR"]);
    expect(records.get("g01")?.fields["country"]).toBeUndefined();
  });

  it("gives the same records whatever the chunk boundaries", async () => {
    const text = await readFile(feedPath("merchant.xml"), "utf8");
    const whole = await collect(readMerchantXml(chunked(text, text.length)));
    expect(await collect(readMerchantXml(chunked(text, 7)))).toEqual(whole);
  });

  it("reads Atom entries, link href, and g: even when the feed forgets to declare it", async () => {
    const atom = `\uFEFF<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>tag:shop.example.com,2026:a1</id>
    <g:id>a1</g:id>
    <title>Atom item</title>
    <link href="https://shop.example.com/products/a1"/>
  </entry>
</feed>`;
    const [record] = await collect(readMerchantXml(chunked(atom, 50)));
    expect(record).toEqual({
      line: 3,
      fields: { id: ["a1"], title: ["Atom item"], link: ["https://shop.example.com/products/a1"] },
    });
  });

  it("stops at the line where the XML breaks", async () => {
    const broken = `<rss xmlns:g="http://base.google.com/ns/1.0"><channel>\n<item><g:id>a</g:id></item>\n<item><g:id>b</g:title></item>\n</channel></rss>`;
    const error = await collect(readMerchantXml(chunked(broken, 1000))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedSyntaxError);
    expect((error as FeedSyntaxError).line).toBe(3);
    expect((error as Error).message).toMatch(/^line 3: not well-formed XML/);
  });

  it("takes any element name, even one an object already has", async () => {
    const xml = `<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>a1</g:id><g:constructor>x</g:constructor><g:__proto__>y</g:__proto__></item></channel></rss>`;
    const [record] = await collect(readMerchantXml(chunked(xml, 1000)));
    expect(record?.fields["id"]).toEqual(["a1"]);
    expect(Object.keys(record?.fields ?? {})).toEqual(["id", "constructor", "__proto__"]);
  });

  it("refuses a feed declared in another encoding", async () => {
    const latin = `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel></channel></rss>`;
    await expect(collect(readMerchantXml(chunked(latin, 1000)))).rejects.toThrow(/convert it to UTF-8/);
  });
});

describe("Merchant Center TSV", () => {
  it("reads rows by header name, with each row's first line", async () => {
    const records = await collect(readFeed(feedPath("merchant.tsv"), "merchant-tsv", noShopify));
    expect(records.map((r) => [r.line, r.fields["id"]?.[0] ?? null, r.problem ?? null])).toEqual([
      [2, "k01", null],
      [3, "k04", null],
      [4, "k05", null],
      [6, "g03", null],
      [8, "h03", null],
      [9, null, "has 4 columns, the header has 10"],
      [10, null, null],
      [11, "bad-category", null],
    ]);
  });

  it("matches headers loosely and keeps quotes inside unquoted fields", async () => {
    const records = byId(await collect(readFeed(feedPath("merchant.tsv"), "merchant-tsv", noShopify)));
    expect(records.get("k01")?.fields["image_link"]).toEqual(["https://shop.example.com/images/k01.jpg"]);
    expect(records.get("k04")?.fields["title"]).toEqual(['Cast iron skillet, 12"']);
    expect(records.get("k05")?.fields["description"]).toEqual(["Stainless steel,\nfine mesh"]);
  });

  it("takes any column name, even one an object already has", async () => {
    const [record] = await collect(readMerchantTsv(chunked("id\tconstructor\t__proto__\na1\tx\ty\n", 100)));
    expect(record?.fields["id"]).toEqual(["a1"]);
    expect(record?.fields["constructor"]).toEqual(["x"]);
    expect(Object.keys(record?.fields ?? {})).toEqual(["id", "constructor", "__proto__"]);
  });

  it("needs a header row naming the attributes", async () => {
    await expect(collect(readMerchantTsv(chunked("a1\tMoka\t12.00 EUR\n", 100)))).rejects.toThrow(
      /line 1: the first row must be a header/,
    );
  });
});

describe("Shopify products.json", () => {
  it("spells each product with Merchant attribute names, keyed by handle", async () => {
    const records = await collect(
      readFeed(feedPath("shopify-products.json"), "shopify", { currency: "EUR", baseUrl: undefined }),
    );
    expect(records.map((r) => [r.line, r.fields["id"]?.[0]])).toEqual([
      [3, "moka-pot-3"],
      [17, "basil-seeds"],
      [26, "plasters-40"],
      [35, "gift-card"],
      [44, "espresso-cups"],
      [53, "milk-frother"],
    ]);
    const [moka, basil, , , cups, frother] = records;
    expect(moka?.fields).toEqual({
      id: ["moka-pot-3"],
      alias: ["7001"],
      title: ["Moka pot, 3 cups"],
      link: ["/products/moka-pot-3"],
      image_link: ["https://cdn.shopify.com/s/files/1/moka-pot-3.jpg"],
      price: ["24.9 EUR"],
      availability: ["in_stock"],
      product_type: ["Coffee makers"],
      brand: ["Bialetti"],
    });
    expect(basil?.fields["availability"]).toEqual(["out_of_stock"]);
    expect(basil?.fields["image_link"]).toEqual(["https://cdn.shopify.com/s/files/1/basil-seeds.jpg"]);
    expect(cups?.fields["price"]).toBeUndefined();
    // Admin API stock: none left, but overselling allowed.
    expect(frother?.fields["availability"]).toEqual(["in_stock"]);
  });

  it("makes links absolute with a base URL", async () => {
    const [moka] = await collect(
      readFeed(feedPath("shopify-products.json"), "shopify", { currency: "EUR", baseUrl: "https://shop.example.com" }),
    );
    expect(moka?.fields["link"]).toEqual(["https://shop.example.com/products/moka-pot-3"]);
  });

  it("turns a product that is not valid JSON into a record with a problem", async () => {
    const text = `{"products": [\n{"handle": "a", "title": "A"},\n{"handle": "b", "title": 5},\n{"handle": "c" "title": "C"}\n]}`;
    const records = await collect(readShopifyJson(chunked(text, 3), { currency: "EUR", baseUrl: undefined }));
    expect(records.map((r) => [r.line, r.problem ?? "ok"])).toEqual([
      [2, "ok"],
      [3, expect.stringMatching(/^products\[1\]\.title: /)],
      [4, expect.stringMatching(/^products\[2\] is not valid JSON/)],
    ]);
  });
});

describe("jsonArrayElements", () => {
  const text = `{
  "note": "a [decoy] {with} \\"quotes\\"",
  "products": [
    { "a": "}", "b": [1, {"c": "]"}] },
    "plain",
    42,
    [1, 2]
  ],
  "after": [9]
}`;

  it("yields each element of the named array with its line, across any chunking", async () => {
    const expected = [
      { text: '{ "a": "}", "b": [1, {"c": "]"}] }', line: 4, index: 0 },
      { text: '"plain"', line: 5, index: 1 },
      { text: "42", line: 6, index: 2 },
      { text: "[1, 2]", line: 7, index: 3 },
    ];
    for (const size of [1, 2, 5, text.length]) {
      expect(await collect(jsonArrayElements(chunked(text, size), "products"))).toEqual(expected);
    }
  });

  it("reads a top-level array too", async () => {
    const elements = await collect(jsonArrayElements(chunked('\uFEFF[{"x": 1}, {"x": 2}]', 4), "products"));
    expect(elements.map((e) => e.text)).toEqual(['{"x": 1}', '{"x": 2}']);
  });

  it("fails on a missing array, a truncated document and trailing text", async () => {
    await expect(collect(jsonArrayElements(chunked('{"items": []}', 4), "products"))).rejects.toThrow(
      /no top-level "products" array/,
    );
    await expect(collect(jsonArrayElements(chunked('{"products": [{"a": 1}', 4), "products"))).rejects.toThrow(
      /ends before it is complete/,
    );
    await expect(collect(jsonArrayElements(chunked('{"products": []} x', 4), "products"))).rejects.toThrow(
      /unexpected text after/,
    );
  });
});

describe("detectFeedFormat", () => {
  it("goes by extension", async () => {
    expect(await detectFeedFormat(feedPath("merchant.xml"))).toBe("merchant-xml");
    expect(await detectFeedFormat(feedPath("merchant.tsv"))).toBe("merchant-tsv");
    expect(await detectFeedFormat(feedPath("shopify-products.json"))).toBe("shopify");
  });

  it("looks at the first bytes when the extension says nothing", async () => {
    expect(await detectFeedFormat(feedPath("cooccurrence.csv"))).toBeUndefined();
  });
});
