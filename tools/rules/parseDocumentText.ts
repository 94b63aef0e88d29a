/**
 * Reads a ruleset document's text as JSON. When it is not JSON, says where it
 * breaks as a line and column, which Node's own message (an excerpt, no
 * position) does not; the place is found by a small JSON syntax scan.
 */
import { CliError } from "./CliError";

/** Offset of the first JSON syntax error in `text`, or undefined when it is JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
  };
  const string = () => {
    at++;
    while (at < text.length) {
      const c = text[at] as string;
      if (c === '"') {
        at++;
        return;
      }
      if (c < " ") fail();
      at += c === "\\" ? 2 : 1;
    }
    fail();
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text[at];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      at++;
      space();
      if (text[at] === close) {
        at++;
        return;
      }
      for (;;) {
        if (c === "{") {
          space();
          if (text[at] !== '"') fail();
          string();
          space();
          if (text[at] !== ":") fail();
          at++;
        }
        value();
        space();
        if (text[at] === ",") at++;
        else if (text[at] === close) {
          at++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = at;
    if (NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset !== "number") throw offset;
    return offset;
  }
}

export function parseDocumentText(text: string, source: string): unknown {
  // A byte-order mark is invisible in editors, and JSON.parse refuses it.
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch {
    const offset = jsonErrorOffset(json) ?? 0;
    const before = json.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    const found =
      offset >= json.length
        ? "the text ends too early (a } or ] missing?)"
        : `unexpected ${JSON.stringify(json[offset])}`;
    throw new CliError(`${source} is not valid JSON: line ${line}, column ${column}: ${found}`);
  }
}
