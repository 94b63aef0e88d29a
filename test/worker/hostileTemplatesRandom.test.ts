/**
 * Random templates rendered with hostile catalog values: any template the
 * Worker accepts renders to markup that HTMLRewriter reads as allow-listed
 * elements and attributes only, with safe URLs, every element closed.
 * hostileTemplates.test.ts has the hand-written corpus.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileTemplate } from "../../src/html/compileTemplate";
import { decodeReferences } from "../../src/core/ruleset/decodeReferences";
import { renderBlock } from "../../src/html/renderBlock";
import { ELEMENTS, attributeKind } from "../../src/core/ruleset/templateAllowList";
import { card, hostileText, template } from "./hostileTemplateArbitraries";

const HTML = "http://www.w3.org/1999/xhtml";

/** What is wrong with rendered markup, as HTMLRewriter reads it; empty when nothing is. */
async function violations(html: string): Promise<string[]> {
  const found: string[] = [];
  const open: string[] = [];
  const end = `end-${crypto.randomUUID()}`;
  let complete = false;
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        const name = element.tagName;
        if (name === end) {
          complete = true;
          return;
        }
        if (element.namespaceURI !== HTML || !ELEMENTS.has(name)) found.push(`element <${name}>`);
        for (const [attribute = "", value = ""] of element.attributes) {
          const kind = attributeKind(name, attribute);
          const marker = attribute === "data-tact-rule" || attribute === "data-tact-item";
          if (!kind && !marker) found.push(`attribute ${attribute} on <${name}>`);
          if (kind === "url" || kind === "srcset") {
            const urls =
              kind === "url" ? [value] : value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "");
            for (const url of urls) if (!harmlessUrl(url)) found.push(`${attribute}="${value}"`);
          }
        }
        try {
          element.onEndTag((endTag) => {
            if (endTag.name !== name) found.push(`<${name}> closed by </${endTag.name}>`);
            open.pop();
          });
          open.push(name);
        } catch {
          // Void: nothing to close.
        }
      },
    })
    .onDocument({
      comments: () => void found.push("a comment"),
      doctype: () => void found.push("a doctype"),
    })
    .transform(new Response(`${html}<${end}>`))
    .arrayBuffer();
  if (!complete) found.push("ends inside a tag, a quoted value or a comment");
  if (open.length > 0) found.push(`left open: ${open.join(", ")}`);
  return found;
}

/**
 * A URL as a browser would follow it: references decoded (only the ones the
 * renderer writes; any other is suspect), whitespace and controls removed,
 * case folded. Harmless when it is http(s) or has no scheme, and does not
 * start with two slashes of either kind.
 */
function harmlessUrl(value: string): boolean {
  const decoded = decodeReferences(value);
  if (decoded === undefined) return false;
  const cleaned = decoded.replace(/[\p{Cc}\s]/gu, "").toLowerCase();
  const scheme = /^([a-z][a-z\d+.-]*):/.exec(cleaned)?.[1];
  return !/^[/\\]{2}/.test(cleaned) && (scheme === undefined || scheme === "http" || scheme === "https");
}

describe("any template the Worker accepts", () => {
  it("renders, with hostile catalog values, to allow-listed markup that closes every element it opens", async () => {
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(
        template,
        fc.array(card, { minLength: 2, maxLength: 4 }),
        hostileText,
        async (source, items, heading) => {
          const compiled = await compileTemplate(source);
          if (!compiled.ok) return;
          let html: string;
          try {
            html = renderBlock(compiled.value, { ruleId: "r", heading, language: "en", items });
          } catch (error) {
            // Fewer than two items with safe URLs: the block is not shown at all.
            expect(String(error)).toContain("fewer than two items");
            return;
          }
          rendered += 1;
          expect(await violations(html), html).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
    // The property held for templates that were actually accepted and rendered, not only refused ones.
    expect(rendered).toBeGreaterThan(40);
  }, 60_000);

  it("the checker itself finds what it looks for", async () => {
    expect(await violations('<li><img src="x" onerror="y"></li>')).toEqual(["attribute onerror on <img>"]);
    expect(await violations('<li><a href="java&#115;cript:x">x</a></li>')).toEqual(['href="java&#115;cript:x"']);
    expect(await violations("<li><span>x</li>")).toEqual(["<span> closed by </li>"]);
    expect(await violations("<li><svg></svg></li>")).toEqual(["element <svg>"]);
    expect(await violations('<li title="x>')).toEqual(["ends inside a tag, a quoted value or a comment"]);
  });
});
