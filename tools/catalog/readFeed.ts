/**
 * Opens a product feed file and streams its records with the reader for its
 * format, given or recognized from the file's extension or first bytes.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import type { FeedRecord } from "./FeedRecord";
import { readMerchantTsv } from "./readMerchantTsv";
import { readMerchantXml } from "./readMerchantXml";
import { type ShopifyOptions, readShopifyJson } from "./readShopifyJson";

export const FEED_FORMATS = ["merchant-xml", "merchant-tsv", "shopify"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, FeedFormat>> = {
  ".xml": "merchant-xml",
  ".rss": "merchant-xml",
  ".atom": "merchant-xml",
  ".tsv": "merchant-tsv",
  ".txt": "merchant-tsv",
  ".json": "shopify",
};

/** The feed's format from its extension, else from how it starts; undefined when neither tells. */
export async function detectFeedFormat(path: string): Promise<FeedFormat | undefined> {
  const byExtension = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart();
    if (head.startsWith("<")) return "merchant-xml";
    if (head.startsWith("{") || head.startsWith("[")) return "shopify";
    if (head.split("\n", 1)[0]?.includes("\t")) return "merchant-tsv";
    return undefined;
  } finally {
    await file.close();
  }
}

/** The file's text in chunks, decoded as UTF-8 (a character split across chunks is kept whole). */
export function readTextChunks(path: string): AsyncIterable<string> {
  return createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
}

export function readFeed(path: string, format: FeedFormat, shopify: ShopifyOptions): AsyncGenerator<FeedRecord> {
  const chunks = readTextChunks(path);
  switch (format) {
    case "merchant-xml":
      return readMerchantXml(chunks);
    case "merchant-tsv":
      return readMerchantTsv(chunks);
    case "shopify":
      return readShopifyJson(chunks, shopify);
  }
}
