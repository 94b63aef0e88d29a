/**
 * Reads an `item, category` file (CSV or TSV with a header, separator
 * detected): the first column whose name says item or product, the first
 * whose name says category. An item listed twice keeps its first category.
 */
import { parseTable } from "./parseTable";

export function parseCategoryFile(text: string): Map<string, string> {
  const rows = parseTable(text);
  const header = (rows[0] ?? []).map((name) => name.toLowerCase());
  const item = header.findIndex((name) => /item|product/.test(name));
  const category = header.findIndex((name) => /categ/.test(name));
  if (item < 0 || category < 0) {
    throw new Error(`the header must name an item and a category column (found: ${header.join(", ")})`);
  }
  const categories = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const id = row[item];
    const slug = row[category];
    if (id && slug && !categories.has(id)) categories.set(id, slug);
  }
  return categories;
}
