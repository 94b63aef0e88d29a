/**
 * JSON read from files people edit by hand (a ruleset, a mapping, the seed),
 * with errors that say where: JSON.parse's own message often gives only an
 * excerpt, so the place and the cause come from jsonc-parser's scanner (the
 * one VS Code uses), run in strict JSON mode only when JSON.parse refused.
 */
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { CliError } from "../cli/CliError";

export interface JsonSyntaxError {
  readonly offset: number;
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  /** What is wrong there, in words. */
  readonly cause: string;
}

/** jsonc-parser's error names, in words. */
const CAUSES: Readonly<Record<string, string>> = {
  InvalidSymbol: "not a JSON value",
  InvalidNumberFormat: "a number JSON does not allow",
  PropertyNameExpected: "a property name in double quotes was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "a colon was expected",
  CommaExpected: "a comma was expected",
  CloseBraceExpected: "a } was expected",
  CloseBracketExpected: "a ] was expected",
  EndOfFileExpected: "nothing more was expected",
  InvalidCommentToken: "JSON has no comments",
  UnexpectedEndOfString: "a string that is not closed on its line",
  InvalidEscapeCharacter: "an escape JSON does not allow",
  InvalidCharacter: "a control character inside a string",
};

/** Where `text` stops being JSON; undefined when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return undefined;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  const at = text[first.offset];
  const cause =
    at === undefined
      ? "the text ends too early (a } or ] missing?)"
      : `unexpected ${JSON.stringify(at)} (${CAUSES[printParseErrorCode(first.error)] ?? "not JSON"})`;
  return { offset: first.offset, line, column, cause };
}

/**
 * The value of `text`, or a CliError naming `source`, the line and column,
 * and the cause. A byte-order mark (invisible in editors) is allowed.
 */
export function parseJsonText(text: string, source: string): unknown {
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (error) {
    const found = jsonSyntaxError(json);
    const where = found ? `line ${found.line}, column ${found.column}: ${found.cause}` : String(error);
    throw new CliError(`${source} is not valid JSON: ${where}`);
  }
}
