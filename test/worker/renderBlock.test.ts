import { describe, expect, it, vi } from "vitest";
import type { Card } from "../../src/core/catalog/Catalog";
import type { CompiledTemplate } from "../../src/core/ruleset/template";
import { compileTemplate } from "../../src/html/compileTemplate";
import { escapeHtml } from "../../src/html/escapeHtml";
import { formatPrice, renderBlock } from "../../src/html/renderBlock";
import { card } from "../support/builders";

async function compiled(block: string, item: string): Promise<CompiledTemplate> {
  const result = await compileTemplate({ block, item });
  if (!result.ok) throw new Error(`expected the template to compile: ${result.problems.join("; ")}`);
  return result.value;
}

const cards = await compiled(
  '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
  '<li class="card"><a href="{{url}}" data-cat="{{category}}"><img src="{{image}}" alt="{{title}}">{{title}} <b>{{price}}</b></a></li>',
);

describe("escapeHtml", () => {
  it.each([
    ["plain", "plain"],
    ["a & b", "a &amp; b"],
    ["<script>", "&lt;script&gt;"],
    ['say "hi"', "say &quot;hi&quot;"],
    ["it's", "it&#39;s"],
    ["&amp;", "&amp;amp;"],
    ['"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["", ""],
  ])("escapes %j", (value, expected) => {
    expect(escapeHtml(value)).toBe(expected);
  });
});

describe("formatPrice", () => {
  it.each([
    [12.5, "EUR", "en", "€12.50"],
    [12.5, "EUR", "it", "12,50\u00a0€"],
    [1234.5, "USD", "en", "$1,234.50"],
    [0, "GBP", "en", "£0.00"],
  ])("formats %d %s in %s", (amount, currency, language, expected) => {
    expect(formatPrice(amount, currency, language)).toBe(expected);
  });
});

describe("renderBlock", () => {
  it("renders the block with markers on the block's and every item's root element", () => {
    const html = renderBlock(cards, {
      ruleId: "pairs-well",
      heading: "Goes well with",
      language: "en",
      items: [card("p1", { price: 12.5 }), card("p2", { price: 3, category: "garden" })],
    });
    expect(html).toBe(
      '<section data-tact-rule="pairs-well" class="picks"><h2>Goes well with</h2><ul>' +
        '<li data-tact-item="p1" class="card"><a href="/products/p1" data-cat="kitchen"><img src="/images/p1.jpg" alt="Item p1">Item p1 <b>€12.50</b></a></li>' +
        '<li data-tact-item="p2" class="card"><a href="/products/p2" data-cat="garden"><img src="/images/p2.jpg" alt="Item p2">Item p2 <b>€3.00</b></a></li>' +
        "</ul></section>",
    );
  });

  it("formats prices in the block's language", () => {
    const html = renderBlock(cards, {
      ruleId: "r",
      heading: "Da scoprire",
      language: "it",
      items: [card("p1", { price: 12.5 })],
    });
    expect(html).toContain("<b>12,50\u00a0€</b>");
  });

  it("renders an empty list when there are no items", () => {
    expect(renderBlock(cards, { ruleId: "r", heading: "h", language: "en", items: [] })).toBe(
      '<section data-tact-rule="r" class="picks"><h2>h</h2><ul></ul></section>',
    );
  });

  const hostile = `"'<>&`;
  const escaped = "&quot;&#39;&lt;&gt;&amp;";

  it.each<[string, Partial<Card>, string]>([
    ["title (text and attribute)", { title: `T${hostile}` }, `alt="T${escaped}">T${escaped} <b>`],
    ["url", { url: `/p?a=1&b="2"<x>` }, 'href="/p?a=1&amp;b=&quot;2&quot;&lt;x&gt;"'],
    ["image", { image: `/i.jpg?"onerror='x'` }, 'src="/i.jpg?&quot;onerror=&#39;x&#39;"'],
    ["category", { category: `c${hostile}` }, `data-cat="c${escaped}"`],
    ["id (the item marker)", { id: `p${hostile}` }, `data-tact-item="p${escaped}"`],
  ])("escapes the item's %s", (_name, overrides, expected) => {
    const html = renderBlock(cards, { ruleId: "r", heading: "h", language: "en", items: [card("p1", overrides)] });
    expect(html).toContain(expected);
    expect(html).not.toContain(hostile);
  });

  it("escapes the heading", () => {
    const html = renderBlock(cards, { ruleId: "r", heading: `<b>Tè & "tisane"</b>`, language: "en", items: [] });
    expect(html).toContain("<h2>&lt;b&gt;Tè &amp; &quot;tisane&quot;&lt;/b&gt;</h2>");
  });

  it("escapes the rule id in the block marker", () => {
    const html = renderBlock(cards, { ruleId: `r"><x`, heading: "h", language: "en", items: [] });
    expect(html.startsWith('<section data-tact-rule="r&quot;&gt;&lt;x" class="picks">')).toBe(true);
  });

  it("escapes a value used in an attribute of the root element", async () => {
    const template = await compiled('<div title="{{heading}}">{{items}}</div>', '<p data-t="{{title}}">x</p>');
    const html = renderBlock(template, {
      ruleId: "r",
      heading: `a"b`,
      language: "en",
      items: [card("p1", { title: `c"d` })],
    });
    expect(html).toBe('<div data-tact-rule="r" title="a&quot;b"><p data-tact-item="p1" data-t="c&quot;d">x</p></div>');
  });

  it("keeps the template's own markup as written", async () => {
    const template = await compiled("<ol>{{items}}</ol>", "<li><em>&amp; {{title}}</em></li>");
    const html = renderBlock(template, { ruleId: "r", heading: "h", language: "en", items: [card("p1")] });
    expect(html).toBe('<ol data-tact-rule="r"><li data-tact-item="p1"><em>&amp; Item p1</em></li></ol>');
  });

  describe("catalog URLs, checked where they meet a URL attribute", () => {
    const render = (items: Card[]) => renderBlock(cards, { ruleId: "r", heading: "h", language: "en", items });

    it.each([
      ["a javascript: url", { url: "javascript:alert(1)" }, "url"],
      ["a scheme with a tab in it", { url: "java\tscript:alert(1)" }, "url"],
      ["a protocol-relative image", { image: "//evil.example/i.gif" }, "image"],
      ["a backslash look-alike", { url: "/\\evil.example" }, "url"],
      ["a data: image", { image: "data:image/svg+xml,<svg onload=alert(1)>" }, "image"],
      ["a space inside", { image: "/i.jpg 1x, //evil.example/x.jpg" }, "image"],
    ])("drops an item with %s, and logs it", (_name, overrides, field) => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const html = render([card("p1"), card("p2", overrides), card("p3")]);
      expect(html).toContain('data-tact-item="p1"');
      expect(html).not.toContain('data-tact-item="p2"');
      expect(html).toContain('data-tact-item="p3"');
      expect(warn.mock.calls.map((call) => JSON.parse(String(call[0])))).toContainEqual({
        level: "warn",
        event: "block.unsafe-url",
        rule: "r",
        item: "p2",
        field,
      });
      warn.mockRestore();
    });

    it("leaves a field alone when the template does not put it in a URL attribute", async () => {
      const template = await compiled("<ul>{{items}}</ul>", '<li title="{{url}}">{{image}}</li>');
      const items = [card("p1", { url: "javascript:x" }), card("p2", { image: "//evil.example" })];
      const html = renderBlock(template, { ruleId: "r", heading: "h", language: "en", items });
      expect(html).toBe(
        '<ul data-tact-rule="r"><li data-tact-item="p1" title="javascript:x">/images/p1.jpg</li><li data-tact-item="p2" title="/products/p2">//evil.example</li></ul>',
      );
    });

    it("refuses the block when fewer than two items are left", () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      expect(() => render([card("p1"), card("p2", { url: "javascript:x" })])).toThrow("fewer than two items");
      warn.mockRestore();
    });
  });
});
