/**
 * Streams the elements of one array in a JSON document without parsing the
 * whole document: the array under `key` of the top-level object
 * (`{"products": [ … ]}`), or the top-level array itself. Each element comes
 * out as its own JSON text with the line it starts on, so a caller parses one
 * product at a time and can point at the line of a bad one.
 *
 * This is a scanner, not a validator: it tracks strings, escapes and nesting,
 * which is all it takes to find where elements begin and end. Each element is
 * validated by JSON.parse afterwards; what lies outside the array is only
 * checked for balance.
 *
 * Not a streaming JSON parser from npm (@streamparser/json, stream-json): they
 * stop the whole document at its first syntax error and name a byte offset,
 * where this importer refuses one malformed product on its own line and
 * imports the rest.
 */
import { FeedSyntaxError } from "./FeedRecord";

export interface JsonElement {
  /** The element's JSON text. */
  readonly text: string;
  /** 1-based line where the element starts. */
  readonly line: number;
  /** 0-based position in the array. */
  readonly index: number;
}

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const BYTE_ORDER_MARK = 0xfeff;
const RETURN = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The scanner's state between chunks. */
class ArrayScanner {
  readonly ready: JsonElement[] = [];
  line = 1;
  depth = 0;
  inString = false;
  escaped = false;
  root: "object" | "array" | undefined;
  /** The text of a string directly inside the top-level object, while it is read. */
  topString: string | undefined;
  lastTopString = "";
  /** Depth inside the wanted array (its elements start there), or -1 when not inside it. */
  arrayDepth = -1;
  found = false;
  element: { parts: string[]; line: number; scalar: boolean } | undefined;
  index = 0;
  /** Where the current element's text starts in the current chunk. */
  from = 0;

  constructor(private readonly key: string) {}

  scan(chunk: string): JsonElement[] {
    this.from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) this.line += 1;
      if (this.inString) this.inStringChar(c, chunk, i);
      else if (c !== SPACE && c !== NEWLINE && c !== RETURN && c !== TAB && c !== BYTE_ORDER_MARK) {
        this.structural(c, chunk, i);
      }
    }
    if (this.element) this.element.parts.push(chunk.slice(this.from));
    return this.ready.splice(0);
  }

  end(): void {
    if (this.inString || this.depth !== 0) throw new FeedSyntaxError("the JSON ends before it is complete", this.line);
    if (!this.found) {
      throw new FeedSyntaxError(
        this.root === "array" ? "no array found" : `the JSON has no top-level "${this.key}" array`,
        this.root === undefined ? undefined : 1,
      );
    }
  }

  private inStringChar(c: number, chunk: string, i: number): void {
    if (this.escaped) this.escaped = false;
    else if (c === BACKSLASH) this.escaped = true;
    else if (c === QUOTE) {
      this.inString = false;
      if (this.topString !== undefined) this.lastTopString = this.topString;
      this.topString = undefined;
    } else if (this.topString !== undefined) this.topString += chunk[i];
  }

  private structural(c: number, chunk: string, i: number): void {
    if (this.depth === 0 && this.root !== undefined) {
      throw new FeedSyntaxError("unexpected text after the JSON document", this.line);
    }
    if (this.depth === 0 && c !== OPEN_BRACE && c !== OPEN_BRACKET) {
      throw new FeedSyntaxError("the document is not a JSON object or array", this.line);
    }
    if (this.element === undefined && this.depth === this.arrayDepth && c !== COMMA && c !== CLOSE_BRACKET) {
      this.element = { parts: [], line: this.line, scalar: c !== OPEN_BRACE && c !== OPEN_BRACKET };
      this.from = i;
    }
    if (c === QUOTE) {
      this.inString = true;
      // Strings directly in the top-level object are its keys (and a few values):
      // the one read last before a "[" names that array.
      if (this.depth === 1 && this.root === "object") this.topString = "";
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.open(c);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      this.close(chunk, i);
    } else if (c === COMMA && this.element?.scalar && this.depth === this.arrayDepth) {
      this.finish(chunk, i);
    }
  }

  private open(c: number): void {
    if (this.depth === 0) this.root = c === OPEN_BRACE ? "object" : "array";
    this.depth += 1;
    const wanted =
      this.root === "array"
        ? this.depth === 1
        : this.depth === 2 && c === OPEN_BRACKET && this.lastTopString === this.key;
    if (wanted && !this.found) {
      this.found = true;
      this.arrayDepth = this.depth;
    }
  }

  private close(chunk: string, i: number): void {
    if (this.element?.scalar && this.depth === this.arrayDepth) this.finish(chunk, i);
    this.depth -= 1;
    if (this.depth < 0) throw new FeedSyntaxError(`unbalanced "${chunk[i]}"`, this.line);
    if (this.element && this.depth === this.arrayDepth) this.finish(chunk, i + 1);
    else if (this.arrayDepth > 0 && this.depth === this.arrayDepth - 1) this.arrayDepth = -1;
  }

  private finish(chunk: string, end: number): void {
    if (!this.element) return;
    this.element.parts.push(chunk.slice(this.from, end));
    this.ready.push({ text: this.element.parts.join("").trim(), line: this.element.line, index: this.index++ });
    this.element = undefined;
  }
}

export async function* jsonArrayElements(chunks: AsyncIterable<string>, key: string): AsyncGenerator<JsonElement> {
  const scanner = new ArrayScanner(key);
  for await (const chunk of chunks) yield* scanner.scan(chunk);
  scanner.end();
}
