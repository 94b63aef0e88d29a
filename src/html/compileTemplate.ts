/**
 * Templates come from the ruleset as HTML with {{placeholders}}, written by
 * people who are not trusted with script. Each is read by HTMLRewriter, the
 * runtime's own tokenizer (the one that streams the page the block goes
 * into), judged against one allow-list (templateAllowList), and written out
 * again from what HTMLRewriter reported alone: tags and attributes in one
 * plain spelling, values double-quoted, "<" and ">" escaped in text. Whatever
 * the source tries (case, slashes for spaces, entities in a scheme, a handler
 * glued to a quote, an element or comment left open), a block holds only
 * what was reported and allowed, and closes every element it opens.
 *
 * HTMLRewriter calls an element's onEndTag also when another end tag closes
 * it implicitly ("<li>" by "</ul>"): only its own end tag counts. Void
 * elements have no end tag (onEndTag throws for them). An element with a
 * random name follows the source: if it is not reported, the template ended
 * inside a tag, a quoted value or a comment, and would swallow the page.
 *
 * Placeholders stand in text, or as the whole value of an attribute of a kind
 * that takes them (URL attributes: {{url}} and {{image}} only). Values are
 * escaped when rendered, and URL values checked then too (cardsWithSafeUrls).
 * The root element of the block and of each item gets a marker attribute
 * (data-tact-rule, data-tact-item). Compiled once per ruleset load.
 */
import { decodeReferences } from "../core/ruleset/decodeReferences";
import { isSafeUrl } from "../core/ruleset/isSafeUrl";
import { type AttributeKind, ELEMENTS, attributeKind } from "../core/ruleset/templateAllowList";

export const BLOCK_FIELDS = ["heading", "items"] as const;
export const ITEM_FIELDS = ["id", "title", "url", "image", "price", "category"] as const;

export type BlockField = (typeof BLOCK_FIELDS)[number] | "rule";
export type ItemField = (typeof ITEM_FIELDS)[number];
export type Part<F extends string> = string | { readonly field: F };
/** The item fields that may stand in a URL attribute. */
export type UrlField = "url" | "image";

export interface CompiledTemplate {
  readonly block: readonly Part<BlockField>[];
  readonly item: readonly Part<ItemField>[];
  /** Item fields that stand in a URL attribute: their values are checked when a block is rendered. */
  readonly urlFields: readonly UrlField[];
}

/** Each problem starts with the part it is in: "item: <img> may not have onerror". */
export type TemplateResult =
  | { readonly ok: true; readonly value: CompiledTemplate }
  | { readonly ok: false; readonly problems: readonly string[] };

const HTML = "http://www.w3.org/1999/xhtml";
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
/** Past this many, a part's problems are counted, not listed. */
const MAX_PROBLEMS = 10;

interface CompiledPart<F extends string> {
  readonly parts: Part<F>[];
  readonly problems: string[];
  readonly urlFields: Set<string>;
}

/** Why `field` may not be the value of an attribute of this kind, or undefined when it may. */
function misplaced(field: string, kind: AttributeKind): string | undefined {
  if (field === "items" || kind === "fixed") return "takes no placeholder";
  if (kind === "srcset" && field !== "image") return "takes only {{image}}";
  if (kind === "url" && field !== "url" && field !== "image") return "takes only {{url}} or {{image}}";
  return undefined;
}

/** srcset candidates ("a.jpg 1x, b.jpg 2x"): URLs on the shop's own site only. */
const relativeSrcset = (value: string) =>
  value.split(",").every((candidate) => {
    const [url = "", descriptor = "1x", ...rest] = candidate.trim().split(/\s+/);
    return (
      isSafeUrl(url) &&
      url !== "" &&
      !/^[a-z][a-z\d+.-]*:/i.test(url) &&
      /^\d+(\.\d+)?[wx]$/.test(descriptor) &&
      !rest.length
    );
  });

/** Why a literal value may not stand, in words. */
function refusal(value: string, kind: AttributeKind): string {
  if (value.includes("{{")) return "has a placeholder that is not the whole value";
  if (decodeReferences(value) === undefined)
    return "has a character reference other than &#…; &amp; &lt; &gt; &quot; &apos;";
  return kind === "url" ? "is not an http(s) or relative URL" : "is not a list of relative image URLs";
}

/** A literal value as it will be written out, or undefined when it may not stand. */
function literalValue(value: string, kind: AttributeKind): string | undefined {
  if (kind === "text" || kind === "fixed") return value.replace(/"/g, "&quot;");
  const decoded = decodeReferences(value);
  const fine = decoded !== undefined && (kind === "url" ? isSafeUrl(decoded) : relativeSrcset(decoded));
  // Written decoded, then escaped: the browser reads exactly what was checked.
  return fine ? decoded.replace(/&/g, "&amp;").replace(/"/g, "&quot;") : undefined;
}

async function compilePart<F extends string>(
  source: string,
  fields: readonly F[],
  marker: { readonly attribute: string; readonly field: F },
): Promise<CompiledPart<F>> {
  const parts: Part<F>[] = [];
  const problems = new Set<string>();
  const urlFields = new Set<string>();
  const open: string[] = [];
  const sentinel = `tact-end-${crypto.randomUUID()}`;
  let literal = "";
  let pending = "";
  let roots = 0;
  let complete = false;

  const emit = (text: string, field?: F) => {
    literal += text;
    if (field === undefined) return;
    if (literal !== "") parts.push(literal);
    parts.push({ field });
    literal = "";
  };
  const known = (written: string, name: string): F | undefined => {
    const field = fields.find((candidate) => candidate === name);
    if (!field) problems.add(`${written} is not a placeholder here; use ${fields.map((f) => `{{${f}}}`).join(" ")}`);
    return field;
  };
  const plain = (text: string) => {
    if (/\{\{|\}\}/.test(text)) problems.add(`${JSON.stringify(text.trim())} is not a placeholder such as {{title}}`);
    emit(text.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  };
  const takeText = () => {
    const text = pending;
    pending = "";
    if (open.length === 0) {
      if (text.trim() !== "") problems.add("must be one root element, with no text around it");
      return;
    }
    let offset = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      plain(text.slice(offset, match.index));
      const field = known(match[0], match[1] ?? "");
      if (field) emit("", field);
      offset = match.index + match[0].length;
    }
    plain(text.slice(offset));
  };
  const attribute = (element: string, name: string, value: string) => {
    const kind = attributeKind(element, name);
    if (!kind) {
      problems.add(`<${element}> may not have ${name}`);
      return;
    }
    emit(` ${name}="`);
    const whole = /^\{\{\s*([A-Za-z]+)\s*\}\}$/.exec(value);
    if (whole) {
      const field = known(value, whole[1] ?? "");
      const wrong = field && misplaced(field, kind);
      if (wrong) problems.add(`${name}="${value}" ${wrong}`);
      else if (field) {
        if (kind !== "text") urlFields.add(field);
        emit("", field);
      }
    } else {
      const written = value.includes("{{") ? undefined : literalValue(value, kind);
      if (written === undefined) problems.add(`${name}="${value}" ${refusal(value, kind)}`);
      emit(written ?? "");
    }
    emit(`"`);
  };

  await new HTMLRewriter()
    .on("*", {
      element(element) {
        takeText();
        const name = element.tagName;
        if (name === sentinel) {
          complete = true;
          return;
        }
        if (open.length === 0 && ++roots === 2) problems.add("must be one root element, with no text around it");
        const allowed = element.namespaceURI === HTML && ELEMENTS.has(name);
        if (!allowed) problems.add(`<${name}> is not allowed`);
        emit(`<${name}`);
        if (roots === 1 && open.length === 0) {
          emit(` ${marker.attribute}="`, marker.field);
          emit(`"`);
        }
        const seen = new Set<string>();
        for (const [key = "", value = ""] of element.attributes) {
          if (seen.has(key)) problems.add(`<${name}> has ${key} twice`);
          seen.add(key);
          // An element that is refused anyway needs no word on its attributes.
          if (allowed) attribute(name, key, value);
        }
        if (name === "button" && element.getAttribute("type") !== "button") {
          problems.add('<button> needs type="button"');
        }
        emit(">");
        try {
          element.onEndTag((end) => {
            takeText();
            if (end.name !== name) problems.add(`<${name}> is never closed`);
            open.pop();
            emit(`</${name}>`);
          });
          open.push(name);
        } catch {
          // A void element: it has no end tag and holds nothing.
        }
      },
    })
    .onDocument({
      text(chunk) {
        pending += chunk.text;
      },
      comments() {
        problems.add("holds a comment (<!--, <!, <? or </ followed by a space)");
      },
      doctype() {
        problems.add("holds a <!DOCTYPE>");
      },
    })
    .transform(new Response(`${source}<${sentinel}>`))
    .arrayBuffer();

  for (const name of open) problems.add(`<${name}> is never closed`);
  if (!complete) problems.add("ends inside a tag, a quoted value or a comment");
  if (roots === 0) problems.add("must be one root element, such as <section>…</section>");
  emit("");
  if (literal !== "") parts.push(literal);
  const listed = [...problems];
  if (listed.length > MAX_PROBLEMS) listed.splice(MAX_PROBLEMS, Infinity, `and ${listed.length - MAX_PROBLEMS} more`);
  return { parts, problems: listed, urlFields };
}

export async function compileTemplate(template: { block: string; item: string }): Promise<TemplateResult> {
  const [block, item] = await Promise.all([
    compilePart<BlockField>(template.block, BLOCK_FIELDS, { attribute: "data-tact-rule", field: "rule" }),
    compilePart<ItemField>(template.item, ITEM_FIELDS, { attribute: "data-tact-item", field: "id" }),
  ]);
  if (block.parts.filter((part) => typeof part !== "string" && part.field === "items").length !== 1) {
    block.problems.push("must hold {{items}} once");
  }
  const problems = [...block.problems.map((p) => `block: ${p}`), ...item.problems.map((p) => `item: ${p}`)];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { block: block.parts, item: item.parts, urlFields: [...item.urlFields] as UrlField[] } };
}

/** The template's own words (literal parts), for the copy guard. */
export function templateText(template: CompiledTemplate): string {
  return [...template.block, ...template.item].filter((part) => typeof part === "string").join(" ");
}
