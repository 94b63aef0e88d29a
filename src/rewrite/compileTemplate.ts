/**
 * Templates come from the ruleset as HTML with {{placeholders}}. They are
 * compiled once per ruleset load into literal parts and fields, so rendering is
 * a join. Every field value is escaped at render time; a placeholder may only
 * stand in text or as a whole double-quoted attribute value, where escaping is
 * enough. The root element of the block and of each item gets a marker
 * attribute (data-tact-rule, data-tact-item) whatever the template says.
 */

export const BLOCK_FIELDS = ["heading", "items"] as const;
export const ITEM_FIELDS = ["id", "title", "url", "image", "price", "category"] as const;

export type BlockField = (typeof BLOCK_FIELDS)[number] | "rule";
export type ItemField = (typeof ITEM_FIELDS)[number];
export type Part<F extends string> = string | { readonly field: F };

export interface CompiledTemplate {
  readonly block: readonly Part<BlockField>[];
  readonly item: readonly Part<ItemField>[];
}

export type CompileResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const ROOT_TAG = /^\s*<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])/;

type Context = "text" | "tag" | "value" | "unquoted" | "double" | "single";

/**
 * Where the end of `html` lies. A quote opens an attribute value only right
 * after "=", and a ">" inside a quoted value does not close the tag.
 */
function contextAtEnd(html: string): Context {
  let context: Context = "text";
  for (const char of html) {
    const space = /\s/.test(char);
    if (context === "text") context = char === "<" ? "tag" : "text";
    else if (context === "tag") context = char === ">" ? "text" : char === "=" ? "value" : "tag";
    else if (context === "value")
      context =
        char === `"` ? "double" : char === "'" ? "single" : char === ">" ? "text" : space ? "value" : "unquoted";
    else if (context === "unquoted") context = char === ">" ? "text" : space ? "tag" : "unquoted";
    else if (context === "double") context = char === `"` ? "tag" : "double";
    else context = char === "'" ? "tag" : "single";
  }
  return context;
}

/** Markup that could run code or restyle the page; never allowed in a template. */
const FORBIDDEN =
  /<\s*(?:script|style|iframe|object|embed|link|meta|base|form)\b|\son[a-z]+\s*=|\sstyle\s*=|javascript:/i;

function compileParts<F extends string, M extends string>(
  source: string,
  allowed: readonly F[],
  marker: { attribute: string; field: M },
): CompileResult<Part<F | M>[]> {
  const root = ROOT_TAG.exec(source);
  if (!root) return { ok: false, reason: "must start with an element, such as <section>" };
  const forbidden = FORBIDDEN.exec(source);
  if (forbidden)
    return { ok: false, reason: `must not contain ${forbidden[0].trim()} (no scripts, styles or event handlers)` };
  const parts: Part<F | M>[] = [`${root[0]} ${marker.attribute}="`, { field: marker.field }, `"`];
  // The root tag cannot hold "{{", so every placeholder lies after it.
  let offset = root[0].length;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[1] as F;
    if (!allowed.includes(name)) {
      const known = allowed.map((field) => `{{${field}}}`).join(" ");
      return { ok: false, reason: `has an unknown placeholder ${match[0]}; use ${known}` };
    }
    const before = source.slice(0, match.index);
    const context = contextAtEnd(before);
    const quoted =
      context === "double" && /=\s*"$/.test(before) && source.charAt(match.index + match[0].length) === `"`;
    if (context !== "text" && !quoted) {
      return { ok: false, reason: `has ${match[0]} inside a tag; it must be a whole attribute value in double quotes` };
    }
    parts.push(source.slice(offset, match.index), { field: name });
    offset = match.index + match[0].length;
  }
  parts.push(source.slice(offset));
  return { ok: true, value: parts.filter((part) => part !== "") };
}

export function compileTemplate(template: { block: string; item: string }): CompileResult<CompiledTemplate> {
  const block = compileParts(template.block, BLOCK_FIELDS, { attribute: "data-tact-rule", field: "rule" });
  if (!block.ok) return { ok: false, reason: `block ${block.reason}` };
  const itemSlots = block.value.filter((part) => typeof part !== "string" && part.field === "items");
  if (itemSlots.length !== 1) return { ok: false, reason: "block must contain {{items}} exactly once" };
  const item = compileParts(template.item, ITEM_FIELDS, { attribute: "data-tact-item", field: "id" });
  if (!item.ok) return { ok: false, reason: `item ${item.reason}` };
  return { ok: true, value: { block: block.value, item: item.value } };
}

/** The template's own words (literal parts), for the copy guard. */
export function templateText(template: CompiledTemplate): string {
  return [...template.block, ...template.item].filter((part) => typeof part === "string").join(" ");
}
