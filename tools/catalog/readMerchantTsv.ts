/**
 * Reads a Google Merchant Center feed in its tab-separated form as it streams:
 * a header row of attribute names, then one product per row.
 *
 * Headers are matched loosely, as Merchant Center does: `image_link`,
 * `Image link` and `g:image_link` are the same attribute. A row that cannot
 * be split into the header's columns becomes a record with a problem, so it
 * is reported with its line rather than lost.
 */
import { Readable, pipeline } from "node:stream";
import { parse } from "csv-parse";
import { type FeedRecord, FeedSyntaxError } from "./FeedRecord";

/** `g:Image Link` → `image_link`. */
export function attributeName(header: string): string {
  return header
    .trim()
    .replace(/^g:/i, "")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

interface ParsedRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export async function* readMerchantTsv(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<FeedRecord> {
  const skipped: FeedRecord[] = [];
  const parser = parse({
    delimiter: "\t",
    bom: true,
    info: true,
    // Titles such as `12" skillet` are common; quotes only matter around a whole field.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = typeof error?.["lines"] === "number" ? error["lines"] : 0;
      skipped.push({ line, fields: {}, problem: error?.message ?? "unreadable row" });
      return undefined;
    },
  });
  // pipeline destroys the parser if the source fails, so the loop below throws.
  pipeline(Readable.from(chunks), parser, () => undefined);

  let header: string[] | undefined;
  for await (const row of parser as AsyncIterable<ParsedRow>) {
    yield* skipped.splice(0);
    const cells = row.record;
    // csv-parse reports the row's last line; a quoted field may span several.
    const line = row.info.lines - cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (header === undefined) {
      header = cells.map(attributeName);
      if (!header.includes("id")) {
        throw new FeedSyntaxError("the first row must be a header naming the attributes (id, title, link, …)", line);
      }
      continue;
    }
    if (cells.length !== header.length) {
      yield { line, fields: {}, problem: `has ${cells.length} columns, the header has ${header.length}` };
      continue;
    }
    // No prototype: a column may be called anything, "constructor" included.
    const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    header.forEach((name, column) => {
      const value = cells[column]?.trim() ?? "";
      if (name !== "" && value !== "") (fields[name] ??= []).push(value);
    });
    yield { line, fields };
  }
  yield* skipped.splice(0);
}
