/**
 * Writes one part of a template (the block, or an item) out again from the
 * tokens a tokenizer reported, never from the source text: tags and
 * attributes in one plain spelling, values double-quoted, "<" and ">"
 * escaped in text, placeholders turned into fields. Everything not on the
 * allow-list, and everything left open, becomes a problem; the root element
 * gets the part's marker attribute (data-tact-rule, data-tact-item).
 */
import { literalValue, misplaced, refusal } from "./attributeValues";
import type { Part } from "./template";
import { ELEMENTS, attributeKind } from "./templateAllowList";

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z]+)\s*\}\}$/;
/** Past this many, a part's problems are counted, not listed. */
const MAX_PROBLEMS = 10;
const ONE_ROOT = "must be one root element, with no text around it";

export interface WrittenPart<F extends string> {
  readonly parts: Part<F>[];
  readonly problems: string[];
  readonly urlFields: Set<string>;
}

export class TemplateWriter<F extends string> {
  readonly #parts: Part<F>[] = [];
  readonly #problems = new Set<string>();
  readonly #urlFields = new Set<string>();
  readonly #open: string[] = [];
  #literal = "";
  #pending = "";
  #roots = 0;

  constructor(
    private readonly fields: readonly F[],
    private readonly marker: { readonly attribute: string; readonly field: F },
  ) {}

  problem(problem: string): void {
    this.#problems.add(problem);
  }

  /** Text as the tokenizer reports it; written out when the next tag comes. */
  text(chunk: string): void {
    this.#pending += chunk;
  }

  /** A start tag; false when the element is not allowed. */
  start(name: string, html: boolean, attributes: Iterable<readonly string[]>): boolean {
    this.#takeText();
    if (this.#open.length === 0 && ++this.#roots === 2) this.problem(ONE_ROOT);
    const allowed = html && ELEMENTS.has(name);
    if (!allowed) this.problem(`<${name}> is not allowed`);
    this.#emit(`<${name}`);
    if (this.#roots === 1 && this.#open.length === 0) {
      this.#emit(` ${this.marker.attribute}="`, this.marker.field);
      this.#emit(`"`);
    }
    const seen = new Map<string, string>();
    for (const [key = "", value = ""] of attributes) {
      if (seen.has(key)) this.problem(`<${name}> has ${key} twice`);
      else seen.set(key, value);
      // An element that is refused anyway needs no word on its attributes.
      if (allowed) this.#attribute(name, key, value);
    }
    if (name === "button" && seen.get("type") !== "button") this.problem('<button> needs type="button"');
    this.#emit(">");
    return allowed;
  }

  /** The element just started has an end tag to come. */
  opened(name: string): void {
    this.#open.push(name);
  }

  /** An end tag: `name` is the element it closes, `written` the tag's own name. */
  end(name: string, written: string): void {
    this.#takeText();
    if (written !== name) this.problem(`<${name}> is never closed`);
    this.#open.pop();
    this.#emit(`</${name}>`);
  }

  /** The source has been read; `complete` when the tokenizer reached its end outside any tag. */
  finish(complete: boolean): WrittenPart<F> {
    this.#takeText();
    for (const name of this.#open) this.problem(`<${name}> is never closed`);
    if (!complete) this.problem("ends inside a tag, a quoted value or a comment");
    if (this.#roots === 0) this.problem("must be one root element, such as <section>…</section>");
    if (this.#literal !== "") this.#parts.push(this.#literal);
    const listed = [...this.#problems];
    if (listed.length > MAX_PROBLEMS) listed.splice(MAX_PROBLEMS, Infinity, `and ${listed.length - MAX_PROBLEMS} more`);
    return { parts: this.#parts, problems: listed, urlFields: this.#urlFields };
  }

  #emit(text: string, field?: F): void {
    this.#literal += text;
    if (field === undefined) return;
    if (this.#literal !== "") this.#parts.push(this.#literal);
    this.#parts.push({ field });
    this.#literal = "";
  }

  #known(written: string, name: string): F | undefined {
    const field = this.fields.find((candidate) => candidate === name);
    if (!field)
      this.problem(`${written} is not a placeholder here; use ${this.fields.map((f) => `{{${f}}}`).join(" ")}`);
    return field;
  }

  #plain(text: string): void {
    if (/\{\{|\}\}/.test(text)) this.problem(`${JSON.stringify(text.trim())} is not a placeholder such as {{title}}`);
    this.#emit(text.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  }

  #takeText(): void {
    const text = this.#pending;
    this.#pending = "";
    if (this.#open.length === 0) {
      if (text.trim() !== "") this.problem(ONE_ROOT);
      return;
    }
    let offset = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      this.#plain(text.slice(offset, match.index));
      const field = this.#known(match[0], match[1] ?? "");
      if (field) this.#emit("", field);
      offset = match.index + match[0].length;
    }
    this.#plain(text.slice(offset));
  }

  #attribute(element: string, name: string, value: string): void {
    const kind = attributeKind(element, name);
    if (!kind) return this.problem(`<${element}> may not have ${name}`);
    this.#emit(` ${name}="`);
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole) {
      const field = this.#known(value, whole[1] ?? "");
      const wrong = field && misplaced(field, kind);
      if (wrong) this.problem(`${name}="${value}" ${wrong}`);
      else if (field) {
        if (kind !== "text") this.#urlFields.add(field);
        this.#emit("", field);
      }
    } else {
      const written = value.includes("{{") ? undefined : literalValue(value, kind);
      if (written === undefined) this.problem(`${name}="${value}" ${refusal(value, kind)}`);
      this.#emit(written ?? "");
    }
    this.#emit(`"`);
  }
}
