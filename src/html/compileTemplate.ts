/**
 * Templates come from the ruleset as HTML with {{placeholders}}, written by
 * people who are not trusted with script. Each is read by HTMLRewriter, the
 * runtime's own tokenizer (the one that streams the page the block goes
 * into), and written out again by TemplateWriter from what HTMLRewriter
 * reported alone, against one allow-list (core/ruleset/templateAllowList).
 * Whatever the source tries (case, slashes for spaces, entities in a scheme,
 * a handler glued to a quote, an element or comment left open), a block holds
 * only what was reported and allowed, and closes every element it opens.
 *
 * HTMLRewriter calls an element's onEndTag also when another end tag closes
 * it implicitly ("<li>" by "</ul>"): only its own end tag counts. Void
 * elements have no end tag (onEndTag throws for them). An element with a
 * random name follows the source: if it is not reported, the template ended
 * inside a tag, a quoted value or a comment, and would swallow the page.
 * Compiled once per ruleset load.
 */
import {
  BLOCK_FIELDS,
  type BlockField,
  ITEM_FIELDS,
  type ItemField,
  type TemplateResult,
  type UrlField,
} from "../core/ruleset/template";
import { TemplateWriter, type WrittenPart } from "../core/ruleset/TemplateWriter";

const HTML = "http://www.w3.org/1999/xhtml";

async function readPart<F extends string>(
  source: string,
  fields: readonly F[],
  marker: { readonly attribute: string; readonly field: F },
): Promise<WrittenPart<F>> {
  const writer = new TemplateWriter(fields, marker);
  const sentinel = `tact-end-${crypto.randomUUID()}`;
  let complete = false;
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        const name = element.tagName;
        if (name === sentinel) {
          complete = true;
          return;
        }
        writer.start(name, element.namespaceURI === HTML, element.attributes);
        try {
          element.onEndTag((end) => writer.end(name, end.name));
          writer.opened(name);
        } catch {
          // A void element: it has no end tag and holds nothing.
        }
      },
    })
    .onDocument({
      text: (chunk) => writer.text(chunk.text),
      comments: () => writer.problem("holds a comment (<!--, <!, <? or </ followed by a space)"),
      doctype: () => writer.problem("holds a <!DOCTYPE>"),
    })
    .transform(new Response(`${source}<${sentinel}>`))
    .arrayBuffer();
  return writer.finish(complete);
}

export async function compileTemplate(template: { block: string; item: string }): Promise<TemplateResult> {
  const [block, item] = await Promise.all([
    readPart<BlockField>(template.block, BLOCK_FIELDS, { attribute: "data-tact-rule", field: "rule" }),
    readPart<ItemField>(template.item, ITEM_FIELDS, { attribute: "data-tact-item", field: "id" }),
  ]);
  if (block.parts.filter((part) => typeof part !== "string" && part.field === "items").length !== 1) {
    block.problems.push("must hold {{items}} once");
  }
  const problems = [...block.problems.map((p) => `block: ${p}`), ...item.problems.map((p) => `item: ${p}`)];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { block: block.parts, item: item.parts, urlFields: [...item.urlFields] as UrlField[] } };
}
