/**
 * Writes a synthetic Google Merchant Center XML feed (and, on request, a
 * co-occurrence CSV) for measuring the import at scale:
 *
 *   npx tsx tools/catalog/generateFeed.ts [--products 100000] [--sessions 0] [--out DIR]
 *   npm run import -- DIR/feed.xml --out DIR/catalog.json [--cooccurrence DIR/cooccurrence.csv]
 *
 * The feed is deterministic (seeded), spread over 24 product types in 8
 * categories (one of them Health Care, so the sensitive path is exercised),
 * 300 brands and prices from 2 to 500; one product in ten comes in variants
 * sharing an item_group_id. Sessions view 2 to 8 products, mostly of one type.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mulberry32 } from "../../src/core/decide/seededRandom";

const TYPES: readonly (readonly [string, string])[] = [
  ["Home & Garden > Kitchen & Dining", "Kitchen > Coffee makers"],
  ["Home & Garden > Kitchen & Dining", "Kitchen > Cookware"],
  ["Home & Garden > Kitchen & Dining", "Kitchen > Knives"],
  ["Home & Garden > Kitchen & Dining", "Kitchen > Tableware"],
  ["Home & Garden > Lawn & Garden", "Garden > Tools"],
  ["Home & Garden > Lawn & Garden", "Garden > Seeds"],
  ["Home & Garden > Lawn & Garden", "Garden > Watering"],
  ["Home & Garden > Decor", "Home > Candles"],
  ["Home & Garden > Decor", "Home > Frames"],
  ["Home & Garden > Linens & Bedding", "Home > Bedding"],
  ["Office Supplies", "Stationery > Notebooks"],
  ["Office Supplies", "Stationery > Pens"],
  ["Office Supplies", "Stationery > Paper"],
  ["Food, Beverages & Tobacco > Beverages", "Coffee & tea > Coffee"],
  ["Food, Beverages & Tobacco > Beverages", "Coffee & tea > Tea"],
  ["Food, Beverages & Tobacco > Beverages", "Coffee & tea > Accessories"],
  ["Health & Beauty > Personal Care", "Beauty > Skin care"],
  ["Health & Beauty > Personal Care", "Beauty > Hair care"],
  ["Health & Beauty > Personal Care", "Beauty > Soap"],
  ["Health & Beauty > Health Care", "Pharmacy > Vitamins"],
  ["Health & Beauty > Health Care", "Pharmacy > First aid"],
  ["Sporting Goods > Outdoor Recreation", "Outdoor > Camping"],
  ["Sporting Goods > Outdoor Recreation", "Outdoor > Hiking"],
  ["Toys & Games", "Toys > Puzzles"],
];
const WORDS = ["classic", "small", "large", "handmade", "steel", "oak", "linen", "ceramic", "travel", "deluxe"];

/** The same small seeded generator the Worker's shuffle uses: reproducible test data. */
const random = mulberry32;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, "finish");
}

interface Generated {
  readonly typeOf: Uint8Array;
}

async function writeFeed(path: string, products: number, next: () => number): Promise<Generated> {
  const out = createWriteStream(path);
  const typeOf = new Uint8Array(products);
  await write(
    out,
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n` +
      `<title>Synthetic shop</title>\n<link>https://shop.example.com</link>\n<description>${products} products</description>\n`,
  );
  let group = "";
  let groupLeft = 0;
  let type = 0;
  let brand = 0;
  let price = 0;
  for (let i = 0; i < products; i++) {
    const id = `p${String(i + 1).padStart(6, "0")}`;
    if (groupLeft === 0) {
      type = Math.floor(next() * TYPES.length);
      brand = Math.floor(next() * 300);
      price = Math.round(Math.exp(Math.log(2) + next() * Math.log(250)) * 100) / 100;
      const variants = next() < 0.1 ? 2 + Math.floor(next() * 3) : 1;
      group = variants > 1 ? `grp-${id}` : "";
      groupLeft = variants;
    }
    groupLeft -= 1;
    typeOf[i] = type;
    const [googleCategory, productType] = TYPES[type] ?? TYPES[0] ?? ["", ""];
    const word = WORDS[Math.floor(next() * WORDS.length)] ?? "";
    const inStock = next() < 0.9;
    await write(
      out,
      `<item>\n<g:id>${id}</g:id>\n<g:title>${escape(`${productType.split(" > ")[1]} ${word} ${id}`)}</g:title>\n` +
        `<g:description>A ${word} product for the measurement feed.</g:description>\n` +
        `<g:link>https://shop.example.com/products/${id}</g:link>\n` +
        `<g:image_link>https://shop.example.com/images/${id}.jpg</g:image_link>\n` +
        `<g:price>${price.toFixed(2)} EUR</g:price>\n` +
        `<g:availability>${inStock ? "in_stock" : "out_of_stock"}</g:availability>\n` +
        `<g:google_product_category>${escape(googleCategory)}</g:google_product_category>\n` +
        `<g:product_type>${escape(productType)}</g:product_type>\n` +
        `<g:brand>Brand ${brand}</g:brand>\n` +
        (group ? `<g:item_group_id>${group}</g:item_group_id>\n` : "") +
        `<g:shipping><g:country>IT</g:country><g:price>4.90 EUR</g:price></g:shipping>\n</item>\n`,
    );
  }
  await write(out, "</channel>\n</rss>\n");
  await close(out);
  return { typeOf };
}

async function writeSessions(path: string, sessions: number, feed: Generated, next: () => number): Promise<number> {
  const products = feed.typeOf.length;
  const byType: number[][] = TYPES.map(() => []);
  feed.typeOf.forEach((type, index) => byType[type]?.push(index));
  const out = createWriteStream(path);
  await write(out, "session_id,product_id\n");
  let rows = 0;
  for (let s = 0; s < sessions; s++) {
    const size = 2 + Math.floor(next() * 7);
    const home = byType[Math.floor(next() * byType.length)] ?? [];
    let lines = "";
    for (let j = 0; j < size; j++) {
      // Mostly one type per session, as browsing goes; sometimes anything.
      const index =
        next() < 0.8 && home.length > 0 ? (home[Math.floor(next() * home.length)] ?? 0) : Math.floor(next() * products);
      lines += `s${s},p${String(index + 1).padStart(6, "0")}\n`;
      rows += 1;
    }
    await write(out, lines);
  }
  await close(out);
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      products: { type: "string", default: "100000" },
      sessions: { type: "string", default: "0" },
      out: { type: "string" },
    },
  });
  const products = Number(values.products);
  const sessions = Number(values.sessions);
  if (!Number.isInteger(products) || products < 1 || !Number.isInteger(sessions) || sessions < 0) {
    throw new Error("--products must be a positive whole number and --sessions a whole number");
  }
  const dir = values.out ?? join(tmpdir(), `tact-feed-${products}`);
  await mkdir(dir, { recursive: true });
  const next = random(20_260_423);
  const feedPath = join(dir, "feed.xml");
  const feed = await writeFeed(feedPath, products, next);
  console.log(`wrote ${products} products to ${feedPath}`);
  if (sessions > 0) {
    const csvPath = join(dir, "cooccurrence.csv");
    const rows = await writeSessions(csvPath, sessions, feed, next);
    console.log(`wrote ${sessions} sessions (${rows} rows) to ${csvPath}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
