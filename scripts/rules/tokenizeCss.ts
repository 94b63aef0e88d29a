/**
 * A CSS tokenizer (CSS Syntax Level 3, as Rust's cssparser implements it),
 * just enough to read selectors the way HTMLRewriter does: the Worker's
 * selector engine (lol-html) tokenizes with cssparser, so checking selectors in
 * Node starts from the same tokens. Comments vanish without leaving whitespace
 * (`div/**\/p` is not `div p`), strings and blocks left open at the end are
 * closed, and a newline inside a string makes it a bad string.
 *
 * Pure: no Node APIs, so the Worker's tests can run it too.
 */

export type CssToken =
  | { readonly type: "whitespace" }
  | { readonly type: "ident"; readonly value: string }
  | { readonly type: "function"; readonly value: string }
  | { readonly type: "at-keyword"; readonly value: string }
  /** `id`: the name would start an identifier, so `#name` can be an ID selector. */
  | { readonly type: "hash"; readonly value: string; readonly id: boolean }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "bad-string" }
  /** `repr`: the number as written, for messages. */
  | {
      readonly type: "number";
      readonly value: number;
      readonly repr: string;
      readonly integer: boolean;
      readonly signed: boolean;
    }
  | { readonly type: "percentage"; readonly value: number; readonly repr: string }
  | {
      readonly type: "dimension";
      readonly value: number;
      readonly repr: string;
      readonly integer: boolean;
      readonly signed: boolean;
      readonly unit: string;
    }
  /** A single code point that starts nothing else: `>`, `+`, `~`, `*`, `.`, `|`, `!` … */
  | { readonly type: "delim"; readonly value: string }
  /** `~=` `|=` `^=` `$=` `*=`, each one token as in cssparser. */
  | { readonly type: "match"; readonly value: string }
  | { readonly type: "colon" | "semicolon" | "comma" | "cdo" | "cdc" }
  | { readonly type: "[" | "]" | "(" | ")" | "{" | "}" };

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isHexDigit = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isNewline = (c: string | undefined) => c === "\n";
const isWhitespace = (c: string | undefined) => c === " " || c === "\t" || c === "\n";
const isNameStart = (c: string | undefined) =>
  c !== undefined && (/^[a-zA-Z_]$/.test(c) || (c.codePointAt(0) ?? 0) >= 0x80);
const isName = (c: string | undefined) => isNameStart(c) || isDigit(c) || c === "-";

/** The spec's input preprocessing: CRLF, CR and FF become LF; NUL becomes U+FFFD. */
function preprocess(text: string): string[] {
  return Array.from(text.replace(/\r\n?|\f/g, "\n").replace(/\0/g, "\uFFFD"));
}

export function tokenizeCss(text: string): CssToken[] {
  const input = preprocess(text);
  let at = 0;
  const peek = (offset = 0): string | undefined => input[at + offset];

  const validEscape = (first: string | undefined, second: string | undefined) => first === "\\" && !isNewline(second);
  const startsIdent = (a: string | undefined, b: string | undefined, c: string | undefined) =>
    a === "-" ? isNameStart(b) || b === "-" || validEscape(b, c) : isNameStart(a) || validEscape(a, b);
  const startsNumber = (a: string | undefined, b: string | undefined, c: string | undefined) =>
    a === "+" || a === "-" ? isDigit(b) || (b === "." && isDigit(c)) : a === "." ? isDigit(b) : isDigit(a);

  /** After a backslash: a hex escape (with one optional whitespace after it) or the code point itself. */
  function consumeEscape(): string {
    const c = peek();
    if (c === undefined) return "\uFFFD";
    if (isHexDigit(c)) {
      let hex = "";
      while (hex.length < 6 && isHexDigit(peek())) hex += input[at++];
      if (isWhitespace(peek())) at++;
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? "\uFFFD"
        : String.fromCodePoint(code);
    }
    at++;
    return c;
  }

  function consumeName(): string {
    let name = "";
    for (;;) {
      const c = peek();
      if (isName(c)) {
        name += c;
        at++;
      } else if (validEscape(c, peek(1))) {
        at++;
        name += consumeEscape();
      } else return name;
    }
  }

  function consumeNumber(): { value: number; repr: string; integer: boolean; signed: boolean } {
    let repr = "";
    let integer = true;
    const signed = peek() === "+" || peek() === "-";
    if (signed) repr += input[at++];
    while (isDigit(peek())) repr += input[at++];
    if (peek() === "." && isDigit(peek(1))) {
      integer = false;
      repr += input[at++];
      while (isDigit(peek())) repr += input[at++];
    }
    const e = peek();
    if ((e === "e" || e === "E") && (isDigit(peek(1)) || ((peek(1) === "+" || peek(1) === "-") && isDigit(peek(2))))) {
      integer = false;
      repr += input[at++];
      if (!isDigit(peek())) repr += input[at++];
      while (isDigit(peek())) repr += input[at++];
    }
    return { value: Number(repr), repr, integer, signed };
  }

  function consumeNumeric(): CssToken {
    const number = consumeNumber();
    if (startsIdent(peek(), peek(1), peek(2))) return { type: "dimension", ...number, unit: consumeName() };
    if (peek() === "%") {
      at++;
      return { type: "percentage", value: number.value, repr: number.repr };
    }
    return { type: "number", ...number };
  }

  function consumeIdentLike(): CssToken {
    const name = consumeName();
    if (peek() === "(") {
      at++;
      return { type: "function", value: name };
    }
    return { type: "ident", value: name };
  }

  function consumeString(quote: string): CssToken {
    let value = "";
    for (;;) {
      const c = peek();
      // A string still open at the end of the input simply ends there.
      if (c === undefined || c === quote) {
        if (c !== undefined) at++;
        return { type: "string", value };
      }
      // The newline is left for the next token, as the spec says.
      if (isNewline(c)) return { type: "bad-string" };
      at++;
      if (c === "\\") {
        if (peek() === undefined) continue;
        if (isNewline(peek())) at++;
        else value += consumeEscape();
      } else value += c;
    }
  }

  const tokens: CssToken[] = [];
  while (at < input.length) {
    const c = input[at] as string;
    if (c === "/" && peek(1) === "*") {
      // An unclosed comment runs to the end of the input.
      at += 2;
      while (at < input.length && !(input[at] === "*" && input[at + 1] === "/")) at++;
      at = Math.min(at + 2, input.length);
      continue;
    }
    if (isWhitespace(c)) {
      while (isWhitespace(peek())) at++;
      tokens.push({ type: "whitespace" });
      continue;
    }
    if (c === '"' || c === "'") {
      at++;
      tokens.push(consumeString(c));
      continue;
    }
    if (c === "#") {
      if (isName(peek(1)) || validEscape(peek(1), peek(2))) {
        const id = startsIdent(peek(1), peek(2), peek(3));
        at++;
        tokens.push({ type: "hash", value: consumeName(), id });
      } else {
        at++;
        tokens.push({ type: "delim", value: c });
      }
      continue;
    }
    if ((c === "~" || c === "|" || c === "^" || c === "$" || c === "*") && peek(1) === "=") {
      at += 2;
      tokens.push({ type: "match", value: `${c}=` });
      continue;
    }
    if (c === "+" || c === ".") {
      if (startsNumber(c, peek(1), peek(2))) tokens.push(consumeNumeric());
      else {
        at++;
        tokens.push({ type: "delim", value: c });
      }
      continue;
    }
    if (c === "-") {
      if (startsNumber(c, peek(1), peek(2))) tokens.push(consumeNumeric());
      else if (peek(1) === "-" && peek(2) === ">") {
        at += 3;
        tokens.push({ type: "cdc" });
      } else if (startsIdent(c, peek(1), peek(2))) tokens.push(consumeIdentLike());
      else {
        at++;
        tokens.push({ type: "delim", value: c });
      }
      continue;
    }
    if (c === "<" && peek(1) === "!" && peek(2) === "-" && peek(3) === "-") {
      at += 4;
      tokens.push({ type: "cdo" });
      continue;
    }
    if (c === "@") {
      at++;
      if (startsIdent(peek(), peek(1), peek(2))) tokens.push({ type: "at-keyword", value: consumeName() });
      else tokens.push({ type: "delim", value: c });
      continue;
    }
    if (c === "\\") {
      if (validEscape(c, peek(1))) tokens.push(consumeIdentLike());
      else {
        at++;
        tokens.push({ type: "delim", value: c });
      }
      continue;
    }
    if (isDigit(c)) {
      tokens.push(consumeNumeric());
      continue;
    }
    if (isNameStart(c)) {
      tokens.push(consumeIdentLike());
      continue;
    }
    at++;
    if (c === ":") tokens.push({ type: "colon" });
    else if (c === ";") tokens.push({ type: "semicolon" });
    else if (c === ",") tokens.push({ type: "comma" });
    else if (c === "[" || c === "]" || c === "(" || c === ")" || c === "{" || c === "}") tokens.push({ type: c });
    else tokens.push({ type: "delim", value: c });
  }
  return tokens;
}
