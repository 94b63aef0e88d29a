import { describe, expect, it } from "vitest";
import { type CompiledTemplate, templateText } from "../../src/core/ruleset/template";
import { compileTemplate } from "../../src/html/compileTemplate";

const BLOCK = '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>';
const ITEM = '<li><a href="{{url}}"><img src="{{image}}" alt=""><span>{{title}}</span> <b>{{price}}</b></a></li>';

async function compiled(template: { block: string; item: string }): Promise<CompiledTemplate> {
  const result = await compileTemplate(template);
  if (!result.ok) throw new Error(`expected the template to compile: ${result.problems.join("; ")}`);
  return result.value;
}

async function problems(template: { block: string; item: string }): Promise<readonly string[]> {
  const result = await compileTemplate(template);
  if (result.ok) throw new Error("expected the template to be refused");
  return result.problems;
}

/** The item as it is written out, with each field shown as {{name}}. */
const written = (template: CompiledTemplate) =>
  template.item.map((part) => (typeof part === "string" ? part : `{{${part.field}}}`)).join("");

describe("compileTemplate: accepted templates", () => {
  it("splits a template into literal parts and fields, with markers on both roots", async () => {
    expect(await compiled({ block: BLOCK, item: ITEM })).toEqual({
      block: [
        '<section data-tact-rule="',
        { field: "rule" },
        '" class="picks"><h2>',
        { field: "heading" },
        "</h2><ul>",
        { field: "items" },
        "</ul></section>",
      ],
      item: [
        '<li data-tact-item="',
        { field: "id" },
        '"><a href="',
        { field: "url" },
        '"><img src="',
        { field: "image" },
        '" alt=""><span>',
        { field: "title" },
        "</span> <b>",
        { field: "price" },
        "</b></a></li>",
      ],
      urlFields: ["url", "image"],
    });
  });

  it.each([
    ["text placeholders", "<div>{{items}}</div>", "<p>{{title}} {{price}} {{category}} {{id}} {{url}}</p>"],
    ["placeholders with spaces inside the braces", "<div>{{ heading }}{{  items  }}</div>", "<p>{{ title }}</p>"],
    ["whitespace around the root element", "\n  <div>{{items}}</div>\n", "  <p>{{title}}</p> "],
    ["a void root element", "<div>{{items}}</div>", '<img src="{{image}}" alt="{{title}}"/>'],
    [
      "text attributes",
      '<div title="{{heading}}">{{items}}</div>',
      '<p data-c="{{category}}" aria-label="{{title}}">x</p>',
    ],
    ["nested elements", "<div><div><div>{{items}}</div></div></div>", "<p><span><b>{{title}}</b></span></p>"],
    ["a block without heading", "<ul>{{items}}</ul>", "<li>{{title}}</li>"],
    [
      "a picture with srcset",
      "<div>{{items}}</div>",
      '<picture><source srcset="/i/a.webp 1x, /i/a@2x.webp 2x" type="image/webp"><img src="{{image}}" srcset="{{image}}" alt=""></picture>',
    ],
    ["a button that is only a button", "<div>{{items}}</div>", '<button type="button" class="more">{{title}}</button>'],
    [
      "literal http(s) and relative links",
      '<div><a href="https://shop.example/all">all</a>{{items}}</div>',
      '<a href="../p?x=1#top">x</a>',
    ],
    ["character references in a URL", "<div>{{items}}</div>", '<a href="/p?a=1&amp;b=2&#38;c=3">x</a>'],
  ])("accepts %s", async (_name, block, item) => {
    const value = await compiled({ block, item });
    expect(value.block.filter((part) => typeof part !== "string" && part.field === "items")).toHaveLength(1);
    expect(value.block[1]).toEqual({ field: "rule" });
    expect(value.item[1]).toEqual({ field: "id" });
  });

  it.each([
    ["unquoted values", "<a href={{url}} class=x>y</a>", '<a data-tact-item="{{id}}" href="{{url}}" class="x">y</a>'],
    [
      "single-quoted values",
      "<a href='{{url}}' title='\"'>y</a>",
      '<a data-tact-item="{{id}}" href="{{url}}" title="&quot;">y</a>',
    ],
    ["upper case and spaces", '<A  HREF = "/x" >y</A >', '<a data-tact-item="{{id}}" href="/x">y</a>'],
    [
      "a self-closing void element",
      '<p><img src="/x" alt="" /></p>',
      '<p data-tact-item="{{id}}"><img src="/x" alt=""></p>',
    ],
    [
      "< and > in text",
      "<p>a < b > c <{{title}}></p>",
      '<p data-tact-item="{{id}}">a &lt; b &gt; c &lt;{{title}}&gt;</p>',
    ],
    [
      "a URL's references, decoded then escaped",
      '<a href="/?a=1&#38;b">y</a>',
      '<a data-tact-item="{{id}}" href="/?a=1&amp;b">y</a>',
    ],
    ["a stray end tag, dropped", "<p>a</span>b</p>", '<p data-tact-item="{{id}}">ab</p>'],
  ])("writes %s out in one plain spelling", async (_name, item, expected) => {
    expect(written(await compiled({ block: "<ul>{{items}}</ul>", item }))).toBe(expected);
  });

  it("lists only the URL fields that stand in URL attributes", async () => {
    const value = await compiled({ block: "<ul>{{items}}</ul>", item: '<li title="{{url}}">{{image}}</li>' });
    expect(value.urlFields).toEqual([]);
  });
});

describe("compileTemplate: refused templates", () => {
  const item = "<li>{{title}}</li>";
  const block = "<ul>{{items}}</ul>";

  it.each([
    [
      "a block of plain text",
      { block: "Hello {{items}}", item },
      "block: must be one root element, with no text around it",
    ],
    ["text after the root", { block: "<ul>{{items}}</ul>{{heading}}", item }, "block: must be one root element"],
    ["two roots", { block, item: "<li>a</li><li>b</li>" }, "item: must be one root element"],
    ["an empty item", { block, item: " " }, "item: must be one root element, such as <section>…</section>"],
    [
      "an unknown block placeholder",
      { block: "<ul>{{title}}{{items}}</ul>", item },
      "block: {{title}} is not a placeholder here; use {{heading}} {{items}}",
    ],
    [
      "{{rule}} in a block",
      { block: '<ul data-r="{{rule}}">{{items}}</ul>', item },
      "block: {{rule}} is not a placeholder here",
    ],
    ["{{items}} in an item", { block, item: "<li>{{items}}</li>" }, "item: {{items}} is not a placeholder here"],
    [
      "an unknown item placeholder",
      { block, item: "<li>{{name}}</li>" },
      "item: {{name}} is not a placeholder here; use {{id}} {{title}} {{url}} {{image}} {{price}} {{category}}",
    ],
    [
      "a half placeholder",
      { block, item: "<li>{{title}</li>" },
      'item: "{{title}" is not a placeholder such as {{title}}',
    ],
    ["a block without {{items}}", { block: "<ul>{{heading}}</ul>", item }, "block: must hold {{items}} once"],
    ["a block with {{items}} twice", { block: "<ul>{{items}}{{items}}</ul>", item }, "block: must hold {{items}} once"],
    [
      "{{items}} in an attribute",
      { block: '<ul title="{{items}}">{{items}}</ul>', item },
      'block: title="{{items}}" takes no placeholder',
    ],
    [
      "a prefix inside the value",
      { block, item: '<a href="/p/{{id}}">x</a>' },
      'item: href="/p/{{id}}" has a placeholder that is not the whole value',
    ],
    ["a placeholder as an attribute", { block, item: "<a {{title}}>x</a>" }, "item: <a> may not have {{title}}"],
    [
      "{{title}} as href",
      { block, item: '<a href="{{title}}">x</a>' },
      'item: href="{{title}}" takes only {{url}} or {{image}}',
    ],
    ["{{url}} as srcset", { block, item: '<img srcset="{{url}}">' }, 'item: srcset="{{url}}" takes only {{image}}'],
    [
      "a placeholder in class",
      { block, item: '<li class="{{category}}">x</li>' },
      'item: class="{{category}}" takes no placeholder',
    ],
    ["an element left open", { block, item: "<li><span>{{title}}</li>" }, "item: <span> is never closed"],
    ["an element closed by its parent", { block: "<ul><li>{{items}}</ul>", item }, "block: <li> is never closed"],
    ["a non-void self-closing element", { block, item: "<li><span/>{{title}}</li>" }, "item: <span> is never closed"],
    [
      "a tag left open at the end",
      { block, item: '<li>{{title}}</li><img alt="' },
      "item: ends inside a tag, a quoted value or a comment",
    ],
    ["a button that could submit", { block, item: "<button>{{title}}</button>" }, 'item: <button> needs type="button"'],
    ["an attribute twice", { block, item: '<a href="/a" href="/b">x</a>' }, "item: <a> has href twice"],
    ["id, which could clobber the page's", { block, item: '<li id="x">{{title}}</li>' }, "item: <li> may not have id"],
    [
      "tact's own marker",
      { block, item: '<li data-tact-item="x">{{title}}</li>' },
      "item: <li> may not have data-tact-item",
    ],
    ["a custom element", { block, item: "<x-card>{{title}}</x-card>" }, "item: <x-card> is not allowed"],
    [
      "a foreign srcset",
      { block, item: '<img src="/x" srcset="https://cdn.example/x.jpg 2x">' },
      "is not a list of relative image URLs",
    ],
  ])("refuses %s", async (_name, template, reason) => {
    expect((await problems(template)).join("\n")).toContain(reason);
  });

  it("reports every problem at once", async () => {
    const found = await problems({
      block: "<ul>{{items}}</ul>",
      item: '<li onclick="x()" style="color:red"><a href="{{title}}">{{title}}</a><span></li>',
    });
    expect(found).toEqual([
      "item: <li> may not have onclick",
      "item: <li> may not have style",
      'item: href="{{title}}" takes only {{url}} or {{image}}',
      "item: <span> is never closed",
    ]);
  });

  it("lists ten problems of a part at most, and counts the rest", async () => {
    const item = `<li>${Array.from({ length: 15 }, (_, i) => `<i x${i}="1"></i>`).join("")}</li>`;
    const found = await problems({ block: "<ul>{{items}}</ul>", item });
    expect(found).toHaveLength(11);
    expect(found[10]).toBe("item: and 5 more");
  });
});

describe("templateText", () => {
  it("joins the template's own words, without fields", async () => {
    const text = templateText(
      await compiled({ block: "<div><h3>Da scoprire</h3>{{items}}</div>", item: "<p>Solo {{price}}</p>" }),
    );
    expect(text).toBe('<div data-tact-rule=" "><h3>Da scoprire</h3> </div> <p data-tact-item=" ">Solo  </p>');
  });
});
