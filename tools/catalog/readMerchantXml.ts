/**
 * Reads a Google Merchant Center XML feed as it streams: RSS 2.0 (`<item>`)
 * or Atom 1.0 (`<entry>`) with attributes in the `g:` namespace. Only one
 * product is held at a time, so a feed of any length fits in memory.
 *
 * Only an item's direct children are attributes: `<g:shipping>` holds a
 * `<g:price>` of its own that must not be taken for the product's price.
 * Where a `g:` element and a plain RSS or Atom one share a name (Atom's own
 * `<id>` beside `<g:id>`, `<title>` beside `<g:title>`), the `g:` one wins.
 * Elements in other namespaces (a shop's own extensions) are ignored.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { type FeedRecord, FeedSyntaxError } from "./FeedRecord";

export const GOOGLE_NS = "http://base.google.com/ns/1.0";
const ATOM_NS = "http://www.w3.org/2005/Atom";
/** Plain RSS elements (`<title>`, `<link>`) have no namespace; Atom's have its own. */
const ATTRIBUTE_NAMESPACES = new Set([GOOGLE_NS, "", ATOM_NS]);
const PRODUCT_ELEMENTS = new Set(["item", "entry"]);

export async function* readMerchantXml(chunks: AsyncIterable<string>): AsyncGenerator<FeedRecord> {
  // Feeds that use g: without declaring it are common enough to accept.
  const parser = new SaxesParser({ xmlns: true, additionalNamespaces: { g: GOOGLE_NS } });
  const ready: FeedRecord[] = [];
  let depth = 0;
  /** Depth of the open product element, or 0 outside one. */
  let itemDepth = 0;
  let itemLine = 0;
  // No prototype: an element may be called anything, <g:constructor> included.
  const fieldMap = () => Object.create(null) as Record<string, string[]>;
  let googleFields = fieldMap();
  let plainFields = fieldMap();
  let field: string | undefined;
  let fieldIsGoogle = false;
  let text = "";

  parser.on("xmldecl", (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      throw new FeedSyntaxError(`the feed is ${decl.encoding}; convert it to UTF-8 first`, parser.line);
    }
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    depth += 1;
    if (itemDepth === 0) {
      if (PRODUCT_ELEMENTS.has(tag.local) && tag.uri !== GOOGLE_NS) {
        itemDepth = depth;
        itemLine = parser.line;
        googleFields = fieldMap();
        plainFields = fieldMap();
      }
      return;
    }
    if (depth !== itemDepth + 1 || !ATTRIBUTE_NAMESPACES.has(tag.uri)) return;
    field = tag.local;
    fieldIsGoogle = tag.uri === GOOGLE_NS;
    text = "";
    // Atom spells the product page as <link href="…"/>.
    const href = tag.attributes["href"]?.value;
    if (field === "link" && href !== undefined) text = href;
  });
  const collect = (chunk: string) => {
    if (field !== undefined && depth === itemDepth + 1) text += chunk;
  };
  parser.on("text", collect);
  parser.on("cdata", collect);
  parser.on("closetag", () => {
    if (field !== undefined && depth === itemDepth + 1) {
      const value = text.trim();
      const fields = fieldIsGoogle ? googleFields : plainFields;
      if (value !== "") (fields[field] ??= []).push(value);
      field = undefined;
    }
    if (depth === itemDepth) {
      ready.push({ line: itemLine, fields: { ...plainFields, ...googleFields } });
      itemDepth = 0;
    }
    depth -= 1;
  });

  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      if (error instanceof FeedSyntaxError) throw error;
      // saxes prefixes its messages with line:column; the line is reported on its own.
      const message = error instanceof Error ? error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "") : String(error);
      throw new FeedSyntaxError(`not well-formed XML: ${message}`, parser.line);
    }
  };
  for await (const chunk of chunks) {
    write(chunk);
    yield* ready.splice(0);
  }
  write(null);
  yield* ready.splice(0);
}
