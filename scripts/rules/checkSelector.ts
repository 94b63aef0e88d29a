/**
 * Whether HTMLRewriter accepts a CSS selector, answered without HTMLRewriter,
 * so the rules CLI refuses in Node what the Worker would skip at load time.
 *
 * HTMLRewriter's engine (lol-html) parses selectors with the `selectors` crate
 * (Servo's) and then refuses what it cannot match while streaming. This follows
 * both: the crate's grammar (from tokenizeCss' tokens) and lol-html's limits:
 *
 * - type and universal selectors, optionally `*|` or `|` (no other namespace);
 * - `#id`, `.class`, `[a]`, `[a=v]`, `~=`, `^=`, `$=`, `*=`, `|=`, with ` i` or ` s`
 *   (a name compared to a value in lower case: `[A=v]` is refused);
 * - descendant (whitespace) and child (`>`) combinators, selector lists;
 * - `:first-child`, `:first-of-type`, `:nth-child(An+B)`, `:nth-of-type(An+B)`
 *   and `:not(…)`.
 *
 * Everything else is refused: `+` and `~` between compounds, pseudo-elements,
 * every other pseudo-class. Inside `:not()` lol-html takes whole selector lists
 * but inspects only the rightmost compound of each, and no combinator, so
 * `:not(a + b)` and `:not(:last-child p)` pass there as they do in the Worker.
 * test/unit/selectorParity.test.ts runs recorded and random selectors through
 * this and through HTMLRewriter itself and expects the same answers.
 *
 * Pure (no Node APIs), so that test can load it inside workerd.
 */
import { type CssToken, tokenizeCss } from "./tokenizeCss";

type Block = { readonly type: "block"; readonly open: "[" | "(" | "{" | "function"; readonly name: string };
type Node = CssToken | (Block & { readonly children: readonly Node[] });

const CLOSERS = { "[": "]", "(": ")", "{": "}", function: ")" } as const;

/** Nests tokens into blocks the way cssparser does; blocks open at the end close there. */
function nest(tokens: readonly CssToken[]): Node[] {
  let at = 0;
  function until(closer: string | undefined): Node[] {
    const nodes: Node[] = [];
    while (at < tokens.length) {
      const token = tokens[at++] as CssToken;
      if (token.type === closer) return nodes;
      if (token.type === "[" || token.type === "(" || token.type === "{" || token.type === "function") {
        const open = token.type;
        const name = token.type === "function" ? token.value : "";
        nodes.push({ type: "block", open, name, children: until(CLOSERS[open]) });
      } else nodes.push(token);
    }
    return nodes;
  }
  return until(undefined);
}

/** Thrown inside the parser; the message is what the rule author reads. */
class SelectorProblem extends Error {}

const unsupported = (what: string, kind = "") =>
  new SelectorProblem(`'${what}'${kind && ` (${kind})`} is not supported by HTMLRewriter`);

function show(node: Node | undefined): string {
  if (node === undefined) return "the end";
  switch (node.type) {
    case "block":
      return node.open === "function" ? `'${node.name}('` : `'${node.open}'`;
    case "ident":
      return `'${node.value}'`;
    case "hash":
      return `'#${node.value}'`;
    case "at-keyword":
      return `'@${node.value}'`;
    case "string":
      return JSON.stringify(node.value);
    case "bad-string":
      return "a string broken by a newline";
    case "number":
      return `'${node.repr}'`;
    case "percentage":
      return `'${node.repr}%'`;
    case "dimension":
      return `'${node.repr}${node.unit}'`;
    case "delim":
    case "match": {
      const code = node.value.codePointAt(0) ?? 0;
      return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `'${node.value}'`;
    }
    case "whitespace":
      return "a space";
    case "colon":
      return "':'";
    case "semicolon":
      return "';'";
    case "comma":
      return "','";
    case "cdo":
      return "'<!--'";
    case "cdc":
      return "'-->'";
    default:
      return `'${node.type}'`;
  }
}

/** A cursor over one level of nodes, with cssparser's two ways of reading. */
class Cursor {
  private at = 0;
  constructor(private readonly nodes: readonly Node[]) {}
  get position(): number {
    return this.at;
  }
  reset(position: number): void {
    this.at = position;
  }
  nextIncludingWhitespace(): Node | undefined {
    return this.nodes[this.at++];
  }
  /** The next node that is not whitespace. */
  next(): Node | undefined {
    this.skipWhitespace();
    return this.nodes[this.at++];
  }
  skipWhitespace(): void {
    while (this.nodes[this.at]?.type === "whitespace") this.at++;
  }
  atEnd(): boolean {
    this.skipWhitespace();
    return this.at >= this.nodes.length;
  }
  peekAfterWhitespace(): Node | undefined {
    this.skipWhitespace();
    return this.nodes[this.at];
  }
}

const isDelim = (node: Node | undefined, value: string): boolean => node?.type === "delim" && node.value === value;

/** `n-<digits>`, case-insensitively, as cssparser reads the tail of `2n-3` or `n-3`. */
function nDashDigits(text: string): boolean {
  return /^n-[0-9]+$/i.test(text);
}

/** An+B, as cssparser's parse_nth reads it. */
function parseNth(cursor: Cursor, pseudo: string): void {
  const bad = () => new SelectorProblem(`':${pseudo}()' needs a position such as 3, odd, even or 2n+1`);
  const signlessB = () => {
    const b = cursor.next();
    if (b?.type !== "number" || b.signed || !b.integer) throw bad();
  };
  const optionalB = () => {
    const start = cursor.position;
    const next = cursor.next();
    if (isDelim(next, "+") || isDelim(next, "-")) signlessB();
    else if (!(next?.type === "number" && next.signed && next.integer)) cursor.reset(start);
  };
  const first = cursor.next();
  if (first?.type === "number" && first.integer) {
    // just B
  } else if (first?.type === "dimension" && first.integer) {
    const unit = first.unit.toLowerCase();
    if (unit === "n") optionalB();
    else if (unit === "n-") signlessB();
    else if (!nDashDigits(unit)) throw bad();
  } else if (first?.type === "ident") {
    const name = first.value.toLowerCase();
    if (name === "even" || name === "odd") {
      // fine
    } else if (name === "n" || name === "-n") optionalB();
    else if (name === "n-" || name === "-n-") signlessB();
    else if (!nDashDigits(name.startsWith("-") ? name.slice(1) : name)) throw bad();
  } else if (isDelim(first, "+")) {
    // `+n` only when nothing separates the sign from the n.
    const after = cursor.nextIncludingWhitespace();
    if (after?.type !== "ident") throw bad();
    const name = after.value.toLowerCase();
    if (name === "n") optionalB();
    else if (name === "n-") signlessB();
    else if (!nDashDigits(name)) throw bad();
  } else throw bad();

  const rest = cursor.peekAfterWhitespace();
  if (rest === undefined) return;
  if (rest.type === "ident" && rest.value.toLowerCase() === "of") throw unsupported(`:${pseudo}(… of …)`);
  throw bad();
}

/** Pseudo-elements CSS 2 allows with a single colon. */
const LEGACY_PSEUDO_ELEMENTS = new Set(["before", "after", "first-line", "first-letter"]);
/** Pseudo-classes HTMLRewriter matches. */
const SUPPORTED_PSEUDO_CLASSES = new Set(["first-child", "first-of-type"]);
const SUPPORTED_NTH = new Set(["nth-child", "nth-of-type"]);
/**
 * Pseudo-classes the selectors crate reads itself, which lol-html refuses only
 * where it looks (see parseComplex); every other one fails to parse anywhere.
 */
const PARSED_PSEUDO_CLASSES = new Set([
  "last-child",
  "only-child",
  "root",
  "empty",
  "scope",
  "last-of-type",
  "only-of-type",
]);
const PARSED_NTH = new Set(["nth-last-child", "nth-last-of-type"]);

/**
 * Problems lol-html finds after parsing, in the components it inspects. They
 * are collected while parsing and raised only for the compounds it looks at.
 */
type Deferred = SelectorProblem[];

function parsePseudo(cursor: Cursor): Deferred {
  let next = cursor.nextIncludingWhitespace();
  if (next?.type === "colon") {
    next = cursor.nextIncludingWhitespace();
    if (next?.type === "ident") throw unsupported(`::${next.value}`);
    if (next?.type === "block" && next.open === "function") throw unsupported(`::${next.name}()`);
    throw new SelectorProblem(`'::' must be followed by a name, not ${show(next)}`);
  }
  if (next?.type === "ident") {
    const name = next.value.toLowerCase();
    if (SUPPORTED_PSEUDO_CLASSES.has(name)) return [];
    if (PARSED_PSEUDO_CLASSES.has(name)) return [unsupported(`:${next.value}`)];
    if (SUPPORTED_NTH.has(name) || name === "not") {
      throw new SelectorProblem(`':${name}' needs parentheses, as in ':${name}(${name === "not" ? ".hidden" : "2"})'`);
    }
    if (LEGACY_PSEUDO_ELEMENTS.has(name)) throw unsupported(`:${next.value}`, "a pseudo-element");
    throw unsupported(`:${next.value}`);
  }
  if (next?.type === "block" && next.open === "function") {
    const name = next.name.toLowerCase();
    if (SUPPORTED_NTH.has(name)) {
      parseNth(new Cursor(next.children), name);
      return [];
    }
    if (PARSED_NTH.has(name)) {
      parseNth(new Cursor(next.children), name);
      return [unsupported(`:${next.name}()`)];
    }
    if (name === "not") return parseSelectorList(next.children, true, ":not()");
    if (name === "host") {
      // The crate reads `:host(<compound>)`; lol-html then refuses it.
      const inner = new Cursor(next.children);
      const compound = parseCompound(inner);
      if (!compound || !inner.atEnd()) throw unsupported(`:${next.name}()`);
      return [unsupported(`:${next.name}()`)];
    }
    if (SUPPORTED_PSEUDO_CLASSES.has(name)) throw new SelectorProblem(`':${name}' takes no parentheses`);
    throw unsupported(`:${next.name}()`);
  }
  throw new SelectorProblem(`':' must be followed by a pseudo-class name, not ${show(next)}`);
}

/**
 * `ns|`, `*|`, `|` before a name. Only "no namespace" and "any namespace" are
 * known to HTMLRewriter (and in an attribute, only "no namespace").
 */
function parseQualifiedName(cursor: Cursor, inAttribute: boolean): Deferred | undefined {
  const start = cursor.position;
  const first = cursor.nextIncludingWhitespace();
  const localName = (prefix: string) => {
    const name = cursor.nextIncludingWhitespace();
    if (name?.type === "ident" || (!inAttribute && isDelim(name, "*"))) return;
    throw new SelectorProblem(`'${prefix}' must be followed by ${inAttribute ? "an attribute name" : "a name or *"}`);
  };
  if (first?.type === "ident") {
    const afterName = cursor.position;
    if (isDelim(cursor.nextIncludingWhitespace(), "|")) {
      throw unsupported(`${first.value}|`, "a namespace prefix");
    }
    cursor.reset(afterName);
    return [];
  }
  if (isDelim(first, "*")) {
    const afterStar = cursor.position;
    if (isDelim(cursor.nextIncludingWhitespace(), "|")) {
      localName("*|");
      return inAttribute ? [unsupported("*|", "any namespace, in an attribute")] : [];
    }
    cursor.reset(afterStar);
    if (inAttribute) throw new SelectorProblem("an attribute selector needs a name, not '*'");
    return [];
  }
  if (isDelim(first, "|")) {
    localName("|");
    return [];
  }
  cursor.reset(start);
  return undefined;
}

const ATTRIBUTE_OPERATORS = new Set(["=", "~=", "|=", "^=", "$=", "*="]);

function parseAttribute(children: readonly Node[]): Deferred {
  const cursor = new Cursor(children);
  cursor.skipWhitespace();
  const deferred = parseQualifiedName(cursor, true);
  if (deferred === undefined) {
    throw new SelectorProblem(`an attribute selector needs a name, as in [data-slot], not ${show(cursor.next())}`);
  }
  const name = children[cursor.position - 1];
  const operator = cursor.next();
  if (operator === undefined) return deferred;
  if (!((operator.type === "delim" || operator.type === "match") && ATTRIBUTE_OPERATORS.has(operator.value))) {
    throw new SelectorProblem(
      `in an attribute selector, the name is followed by =, ~=, |=, ^=, $=, *= or ], not ${show(operator)}`,
    );
  }
  // The selectors crate keeps such a name apart from its lower-case form, in a
  // form lol-html refuses as namespaced. HTML attribute names are lower case anyway.
  if (name?.type === "ident" && /[A-Z]/.test(name.value)) {
    deferred.push(unsupported(`[${name.value}${operator.value}`, "capitals in an attribute name compared to a value"));
  }
  const value = cursor.next();
  if (value?.type !== "ident" && value?.type !== "string") {
    throw new SelectorProblem(`an attribute value must be a word or a quoted string, not ${show(value)}`);
  }
  const flag = cursor.next();
  if (flag === undefined) return deferred;
  if (flag.type !== "ident" || !/^[is]$/i.test(flag.value)) {
    throw new SelectorProblem(`after an attribute value only i or s may follow, not ${show(flag)}`);
  }
  if (!cursor.atEnd()) throw new SelectorProblem(`unexpected ${show(cursor.next())} in an attribute selector`);
  return deferred;
}

/** One simple selector after the type selector; undefined when the next node is not one. */
function parseSimpleSelector(cursor: Cursor): Deferred | undefined {
  const start = cursor.position;
  const node = cursor.nextIncludingWhitespace();
  if (node?.type === "hash" && node.id) return [];
  if (isDelim(node, ".")) {
    const name = cursor.nextIncludingWhitespace();
    if (name?.type !== "ident") throw new SelectorProblem(`'.' must be followed by a class name, not ${show(name)}`);
    return [];
  }
  if (node?.type === "block" && node.open === "[") return parseAttribute(node.children);
  if (node?.type === "colon") return parsePseudo(cursor);
  cursor.reset(start);
  return undefined;
}

/** A compound selector's deferred problems; undefined when there was nothing to read. */
function parseCompound(cursor: Cursor): Deferred | undefined {
  cursor.skipWhitespace();
  const typeSelector = parseQualifiedName(cursor, false);
  let compound = typeSelector;
  for (let simple = parseSimpleSelector(cursor); simple; simple = parseSimpleSelector(cursor)) {
    compound = [...(compound ?? []), ...simple];
  }
  return compound;
}

/** Why a node cannot come where it is, with the usual slips named. */
function unexpected(node: Node | undefined, atStart: boolean): SelectorProblem {
  if (node?.type === "hash" && !node.id) {
    return new SelectorProblem(`'#${node.value}' is not an id selector: an id must not start with a digit`);
  }
  if ((node?.type === "number" || node?.type === "dimension") && node.repr.startsWith(".")) {
    return new SelectorProblem(`${show(node)} is not a class selector: a class name must not start with a digit`);
  }
  if (atStart) {
    return new SelectorProblem(
      `a selector starts with an element name, *, #id, .class, [attribute] or :pseudo-class, not ${show(node)}`,
    );
  }
  return new SelectorProblem(`unexpected ${show(node)}`);
}

/**
 * One complex selector (compounds joined by combinators). lol-html inspects a
 * top-level selector whole: every compound, every combinator (only descendant
 * and child pass: it matches while streaming, never looking back at
 * siblings). Inside `:not()` it inspects only the rightmost compound of each
 * selector, so that is all this returns for a nested one.
 */
function parseComplex(nodes: readonly Node[], nested: boolean): Deferred {
  const cursor = new Cursor(nodes);
  const inspected: SelectorProblem[] = [];
  let combinator: string | undefined;
  for (;;) {
    const compound = parseCompound(cursor);
    if (compound === undefined) {
      if (combinator === undefined) throw unexpected(cursor.next(), true);
      throw new SelectorProblem(`'${combinator}' must be followed by a selector`);
    }
    if (nested) inspected.splice(0, inspected.length, ...compound);
    else inspected.push(...compound);
    let whitespace = false;
    for (;;) {
      const position = cursor.position;
      const node = cursor.nextIncludingWhitespace();
      if (node === undefined) return inspected;
      if (node.type === "whitespace") {
        whitespace = true;
        continue;
      }
      if (node.type === "delim" && (node.value === ">" || node.value === "+" || node.value === "~")) {
        combinator = node.value;
        break;
      }
      cursor.reset(position);
      if (!whitespace) throw unexpected(node, false);
      combinator = " ";
      break;
    }
    if (!nested && (combinator === "+" || combinator === "~")) inspected.push(unsupported(combinator));
  }
}

function parseSelectorList(nodes: readonly Node[], nested: boolean, within: string): Deferred {
  const parts: Node[][] = [[]];
  for (const node of nodes) {
    if (node.type === "comma") parts.push([]);
    else parts.at(-1)?.push(node);
  }
  const deferred: SelectorProblem[] = [];
  for (const part of parts) {
    if (part.every((node) => node.type === "whitespace")) {
      throw new SelectorProblem(
        parts.length > 1 ? "a selector list has an empty entry (a stray comma)" : `${within} is empty`,
      );
    }
    deferred.push(...parseComplex(part, nested));
  }
  return deferred;
}

/** Returns why HTMLRewriter would refuse the selector, or undefined when it accepts it. */
export function checkSelector(selector: string): string | undefined {
  try {
    // The whole list parses first; only then does lol-html inspect what it got.
    const [problem] = parseSelectorList(nest(tokenizeCss(selector)), false, "the selector");
    if (problem) throw problem;
    return undefined;
  } catch (error) {
    if (!(error instanceof SelectorProblem)) throw error;
    return error.message.endsWith("by HTMLRewriter")
      ? error.message
      : `${JSON.stringify(selector)} is not a valid CSS selector: ${error.message}`;
  }
}
