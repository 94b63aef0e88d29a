/**
 * A compiled template: the block's and each item's markup as literal parts
 * and fields, so that rendering is a join. Templates are read and judged by
 * the runtime's own HTML tokenizer (html/compileTemplate) against one
 * allow-list, and written out again by TemplateWriter.
 */

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

/** The template's own words (literal parts), for the copy guard. */
export function templateText(template: CompiledTemplate): string {
  return [...template.block, ...template.item].filter((part) => typeof part === "string").join(" ");
}
