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
import { BareAmpersands } from "./BareAmpersands";
import { type FeedRecord, FeedSyntaxError } from "./FeedRecord";

export const GOOGLE_NS = "http://base.google.com/ns/1.0";
const ATOM_NS = "http://www.w3.org/2005/Atom";
/** Plain RSS elements (`<title>`, `<link>`) have no namespace; Atom's have its own. */
const ATTRIBUTE_NAMESPACES = new Set([GOOGLE_NS, "", ATOM_NS]);
const PRODUCT_ELEMENTS = new Set(["item", "entry"]);

// No prototype: an element may be called anything, <g:constructor> included.
const fieldMap = () => Object.create(null) as Record<string, string[]>;

/** Turns the parser's events into records, one product at a time. */
class ProductCollector {
  readonly ready: FeedRecord[] = [];
  private depth = 0;
  /** Depth of the open product element, or 0 outside one. */
  private itemDepth = 0;
  private itemLine = 0;
  private googleFields = fieldMap();
  private plainFields = fieldMap();
  private field: string | undefined;
  private fieldIsGoogle = false;
  private text = "";

  open(tag: SaxesTagNS, line: number): void {
    this.depth += 1;
    if (this.itemDepth === 0) {
      if (PRODUCT_ELEMENTS.has(tag.local) && tag.uri !== GOOGLE_NS) {
        this.itemDepth = this.depth;
        this.itemLine = line;
        this.googleFields = fieldMap();
        this.plainFields = fieldMap();
      }
      return;
    }
    if (this.depth !== this.itemDepth + 1 || !ATTRIBUTE_NAMESPACES.has(tag.uri)) return;
    this.field = tag.local;
    this.fieldIsGoogle = tag.uri === GOOGLE_NS;
    // Atom spells the product page as <link href="…"/>.
    const href = tag.attributes["href"]?.value;
    this.text = this.field === "link" && href !== undefined ? href : "";
  }

  collect(chunk: string): void {
    if (this.field !== undefined && this.depth === this.itemDepth + 1) this.text += chunk;
  }

  close(): void {
    if (this.field !== undefined && this.depth === this.itemDepth + 1) {
      const value = this.text.trim();
      const fields = this.fieldIsGoogle ? this.googleFields : this.plainFields;
      if (value !== "") (fields[this.field] ??= []).push(value);
      this.field = undefined;
    }
    if (this.depth === this.itemDepth) {
      this.ready.push({ line: this.itemLine, fields: { ...this.plainFields, ...this.googleFields } });
      this.itemDepth = 0;
    }
    this.depth -= 1;
  }
}

function parserFor(collector: ProductCollector): SaxesParser<{ xmlns: true }> {
  // Feeds that use g: without declaring it are common enough to accept.
  const parser = new SaxesParser({ xmlns: true, additionalNamespaces: { g: GOOGLE_NS } });
  parser.on("xmldecl", (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      throw new FeedSyntaxError(`the feed is ${decl.encoding}; convert it to UTF-8 first`, parser.line);
    }
  });
  parser.on("opentag", (tag: SaxesTagNS) => collector.open(tag, parser.line));
  parser.on("text", (chunk) => collector.collect(chunk));
  parser.on("cdata", (chunk) => collector.collect(chunk));
  parser.on("closetag", () => collector.close());
  return parser;
}

/** saxes's error as the line it happened on and a cause, without its "line:column: " prefix or final period. */
function syntaxError(error: unknown, line: number, ampersands: BareAmpersands): FeedSyntaxError {
  if (error instanceof FeedSyntaxError) return error;
  // A bare "&" makes saxes fail later (at the next ";", or the end) and for another reason.
  if (ampersands.first !== undefined && ampersands.first <= line) {
    return new FeedSyntaxError('not well-formed XML: a bare "&" (write it as &amp;)', ampersands.first);
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = message.replace(/^(?:[^:]*:)?\d+:\d+: /, "").replace(/\.$/, "");
  return new FeedSyntaxError(`not well-formed XML: ${cause}`, line);
}

export async function* readMerchantXml(chunks: AsyncIterable<string>): AsyncGenerator<FeedRecord> {
  const collector = new ProductCollector();
  const parser = parserFor(collector);
  const ampersands = new BareAmpersands();
  const write = (chunk: string | null) => {
    ampersands.push(chunk ?? "", chunk === null);
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      throw syntaxError(error, parser.line, ampersands);
    }
  };
  for await (const chunk of chunks) {
    write(chunk);
    yield* collector.ready.splice(0);
  }
  write(null);
  yield* collector.ready.splice(0);
}
