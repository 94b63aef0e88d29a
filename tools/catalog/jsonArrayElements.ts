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

export async function* jsonArrayElements(chunks: AsyncIterable<string>, key: string): AsyncGenerator<JsonElement> {
  const ready: JsonElement[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let root: "object" | "array" | undefined;
  /** The text of a string directly inside the top-level object, while it is read. */
  let topString: string | undefined;
  let lastTopString = "";
  /** Depth inside the wanted array (its elements start there), or -1 when not inside it. */
  let arrayDepth = -1;
  let found = false;
  let element: { parts: string[]; line: number; scalar: boolean } | undefined;
  let index = 0;

  for await (const chunk of chunks) {
    let from = 0;
    const finish = (end: number) => {
      if (!element) return;
      element.parts.push(chunk.slice(from, end));
      ready.push({ text: element.parts.join("").trim(), line: element.line, index: index++ });
      element = undefined;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (topString !== undefined) lastTopString = topString;
          topString = undefined;
        } else if (topString !== undefined) topString += chunk[i];
        continue;
      }
      if (c === SPACE || c === NEWLINE || c === RETURN || c === TAB || c === BYTE_ORDER_MARK) continue;
      if (depth === 0 && root !== undefined) throw new FeedSyntaxError("unexpected text after the JSON document", line);
      if (depth === 0 && c !== OPEN_BRACE && c !== OPEN_BRACKET) {
        throw new FeedSyntaxError("the document is not a JSON object or array", line);
      }
      if (element === undefined && depth === arrayDepth && c !== COMMA && c !== CLOSE_BRACKET) {
        element = { parts: [], line, scalar: c !== OPEN_BRACE && c !== OPEN_BRACKET };
        from = i;
      }
      if (c === QUOTE) {
        inString = true;
        // Strings directly in the top-level object are its keys (and a few values):
        // the one read last before a "[" names that array.
        if (depth === 1 && root === "object") topString = "";
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === 0) root = c === OPEN_BRACE ? "object" : "array";
        depth += 1;
        const wanted = root === "array" ? depth === 1 : depth === 2 && c === OPEN_BRACKET && lastTopString === key;
        if (wanted && !found) {
          found = true;
          arrayDepth = depth;
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (element?.scalar && depth === arrayDepth) finish(i);
        depth -= 1;
        if (depth < 0) throw new FeedSyntaxError(`unbalanced "${chunk[i]}"`, line);
        if (element && depth === arrayDepth) finish(i + 1);
        else if (arrayDepth > 0 && depth === arrayDepth - 1) arrayDepth = -1;
      } else if (c === COMMA && element?.scalar && depth === arrayDepth) {
        finish(i);
      }
    }
    if (element) element.parts.push(chunk.slice(from));
    yield* ready.splice(0);
  }
  if (inString || depth !== 0) throw new FeedSyntaxError("the JSON ends before it is complete", line);
  if (!found) {
    throw new FeedSyntaxError(
      root === "array" ? "no array found" : `the JSON has no top-level "${key}" array`,
      root === undefined ? undefined : 1,
    );
  }
}
