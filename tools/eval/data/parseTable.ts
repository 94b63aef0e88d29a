/**
 * Rows of a CSV or TSV text with a header row, whatever its separator: a tab,
 * then a semicolon (spreadsheets in locales with a decimal comma write those),
 * then a comma. The header line decides: it is safer to judge than a data row,
 * whose values may hold commas inside quotes.
 */
import { parse } from "csv-parse/sync";

export type Separator = "\t" | ";" | ",";

export function detectSeparator(headerLine: string): Separator {
  if (headerLine.includes("\t")) return "\t";
  if (headerLine.includes(";")) return ";";
  return ",";
}

/** All rows, the header first, fields trimmed, blank lines skipped. */
export function parseTable(text: string): string[][] {
  const end = text.indexOf("\n");
  const headerLine = end < 0 ? text : text.slice(0, end);
  return parse(text, {
    bom: true,
    delimiter: detectSeparator(headerLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  });
}
