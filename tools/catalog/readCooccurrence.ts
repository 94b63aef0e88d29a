/**
 * Reads a co-occurrence file as it streams: CSV rows of
 * `session_or_order_id,product_id`, one row per product seen in a session
 * (co-view) or bought in an order (co-purchase), in any order, with or
 * without a header row. Rows are grouped into baskets of distinct products.
 *
 * Products the catalog does not hold (rejected or since removed) are counted
 * and left out. A basket of more than MAX_BASKET distinct products (a
 * crawler's session, a wholesale order) says little about any one pair and
 * costs n² pairs, so it is left out whole and counted.
 */
import { Readable, pipeline } from "node:stream";
import { parse } from "csv-parse";
import type { Rejection } from "./validateFeedRecord";

export const MAX_BASKET = 100;

export interface Cooccurrence {
  /** Each basket's distinct products, as indices into the catalog's products. */
  readonly baskets: number[][];
  readonly rows: number;
  /** Rows naming a product the catalog does not hold. */
  readonly unknownProducts: number;
  readonly oversizedBaskets: number;
  /** Rows that are not two fields. */
  readonly badRows: Rejection[];
}

interface ParsedRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export async function readCooccurrence(
  chunks: AsyncIterable<string | Buffer>,
  lookup: (productId: string) => number | undefined,
): Promise<Cooccurrence> {
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  pipeline(Readable.from(chunks), parser, () => undefined);

  // Arrays rather than Sets: a million rows make a lot of small baskets. Repeats go at the end.
  const sessions = new Map<string, number[]>();
  const badRows: Rejection[] = [];
  let rows = 0;
  let unknownProducts = 0;
  for await (const { record, info } of parser as AsyncIterable<ParsedRow>) {
    const [session, product] = record;
    if (record.length !== 2 || !session || !product) {
      badRows.push({ line: info.lines, id: undefined, reason: "must be two fields: session_or_order_id,product_id" });
      continue;
    }
    const index = lookup(product);
    if (index === undefined) {
      const isHeader = info.lines === 1 && /session|order|basket|visit/i.test(session);
      if (!isHeader) unknownProducts += 1;
      continue;
    }
    rows += 1;
    const basket = sessions.get(session);
    if (basket) basket.push(index);
    else sessions.set(session, [index]);
  }

  const baskets: number[][] = [];
  let oversizedBaskets = 0;
  for (const rows of sessions.values()) {
    const basket = rows.length === 1 ? rows : [...new Set(rows)];
    if (basket.length > MAX_BASKET) oversizedBaskets += 1;
    else baskets.push(basket);
  }
  return { baskets, rows, unknownProducts, oversizedBaskets, badRows };
}
