import { describe, expect, it } from "vitest";
import { type CompiledTemplate, compileTemplate, templateText } from "../../src/rewrite/compileTemplate";

const BLOCK = '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>';
const ITEM = '<li><a href="{{url}}"><img src="{{image}}" alt=""><span>{{title}}</span> <b>{{price}}</b></a></li>';

function compiled(template: { block: string; item: string }): CompiledTemplate {
  const result = compileTemplate(template);
  if (!result.ok) throw new Error(`expected the template to compile: ${result.reason}`);
  return result.value;
}

describe("compileTemplate: accepted templates", () => {
  it("splits a template into literal parts and fields, with markers on both roots", () => {
    expect(compiled({ block: BLOCK, item: ITEM })).toEqual({
      block: [
        '<section data-tact-rule="',
        { field: "rule" },
        '"',
        ' class="picks"><h2>',
        { field: "heading" },
        "</h2><ul>",
        { field: "items" },
        "</ul></section>",
      ],
      item: [
        '<li data-tact-item="',
        { field: "id" },
        '"',
        '><a href="',
        { field: "url" },
        '"><img src="',
        { field: "image" },
        '" alt=""><span>',
        { field: "title" },
        "</span> <b>",
        { field: "price" },
        "</b></a></li>",
      ],
    });
  });

  it.each([
    ["text placeholders", "<div>{{items}}</div>", "<p>{{title}} {{price}} {{category}} {{id}}</p>"],
    ["placeholders with spaces inside the braces", "<div>{{ heading }}{{  items  }}</div>", "<p>{{ title }}</p>"],
    ["whitespace before the root element", "\n  <div>{{items}}</div>", "  <p>{{title}}</p>"],
    ["a root element with a hyphenated name", "<tact-block>{{items}}</tact-block>", "<x-card>{{title}}</x-card>"],
    ["a self-closing root", "<div>{{items}}</div>", '<img src="{{image}}" alt="{{title}}"/>'],
    [
      "several quoted attribute values",
      "<div>{{items}}</div>",
      '<a href="{{url}}" title="{{title}}" data-c="{{category}}">x</a>',
    ],
    ["spaces around the equals sign", "<div>{{items}}</div>", '<a href = "{{url}}">x</a>'],
    ["a quoted > before a quoted placeholder", "<div>{{items}}</div>", '<a data-x="1>0" href="{{url}}">x</a>'],
    [
      "a single-quoted value before a quoted placeholder",
      "<div>{{items}}</div>",
      '<a data-x=\'"\' href="{{url}}">x</a>',
    ],
    ["quotes and apostrophes in text", "<div>{{items}}</div>", "<p>L'estate \"{{title}}\" it's</p>"],
    ["a placeholder on the root element", '<div title="{{heading}}">{{items}}</div>', '<p data-c="{{category}}">x</p>'],
    ["nested elements", "<div><div><div>{{items}}</div></div></div>", "<p><span><b>{{title}}</b></span></p>"],
    ["a block without heading", "<ul>{{items}}</ul>", "<li>{{title}}</li>"],
  ])("accepts %s", (_name, block, item) => {
    const result = compileTemplate({ block, item });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) {
      expect(result.value.block.filter((part) => typeof part !== "string" && part.field === "items")).toHaveLength(1);
      expect(result.value.block[1]).toEqual({ field: "rule" });
      expect(result.value.item[1]).toEqual({ field: "id" });
    }
  });

  it("drops empty literal parts", () => {
    const { block } = compiled({ block: "<div>{{heading}}{{items}}</div>", item: "<p>{{title}}</p>" });
    expect(block).not.toContain("");
    expect(block).toEqual([
      '<div data-tact-rule="',
      { field: "rule" },
      '"',
      ">",
      { field: "heading" },
      { field: "items" },
      "</div>",
    ]);
  });
});

describe("compileTemplate: refused templates", () => {
  const item = "<li>{{title}}</li>";
  const block = "<ul>{{items}}</ul>";

  it.each([
    // No root element
    [
      "a block of plain text",
      { block: "Hello {{items}}", item },
      "block must start with an element, such as <section>",
    ],
    [
      "a block that starts with a placeholder",
      { block: "{{heading}}<ul>{{items}}</ul>", item },
      "block must start with an element",
    ],
    [
      "a block that starts with a comment",
      { block: "<!-- x --><ul>{{items}}</ul>", item },
      "block must start with an element",
    ],
    [
      "a block that starts with a closing tag",
      { block: "</div><ul>{{items}}</ul>", item },
      "block must start with an element",
    ],
    ["an item of plain text", { block, item: "{{title}}" }, "item must start with an element"],
    ["an empty item", { block, item: "" }, "item must start with an element"],
    // Unknown placeholders
    [
      "an unknown block placeholder",
      { block: "<ul>{{title}}{{items}}</ul>", item },
      "block has an unknown placeholder {{title}}; use {{heading}} {{items}}",
    ],
    [
      "a misspelt block placeholder",
      { block: "<ul>{{Items}}</ul>", item },
      "block has an unknown placeholder {{Items}}",
    ],
    [
      "{{rule}} in a block",
      { block: '<ul data-r="{{rule}}">{{items}}</ul>', item },
      "block has an unknown placeholder {{rule}}",
    ],
    ["{{items}} in an item", { block, item: "<li>{{items}}</li>" }, "item has an unknown placeholder {{items}}"],
    ["{{heading}} in an item", { block, item: "<li>{{heading}}</li>" }, "item has an unknown placeholder {{heading}}"],
    [
      "an unknown item placeholder",
      { block, item: "<li>{{name}}</li>" },
      "item has an unknown placeholder {{name}}; use {{id}} {{title}} {{url}} {{image}} {{price}} {{category}}",
    ],
    // {{items}} exactly once
    ["a block without {{items}}", { block: "<ul>{{heading}}</ul>", item }, "block must contain {{items}} exactly once"],
    [
      "a block with {{items}} twice",
      { block: "<ul>{{items}}{{items}}</ul>", item },
      "block must contain {{items}} exactly once",
    ],
    // Placeholders inside a tag but not a whole double-quoted value
    [
      "an unquoted attribute value",
      { block, item: "<a href={{url}}>x</a>" },
      "item has {{url}} inside a tag; it must be a whole attribute value in double quotes",
    ],
    ["a single-quoted attribute value", { block, item: "<a href='{{url}}'>x</a>" }, "item has {{url}} inside a tag"],
    ["a prefix inside the quotes", { block, item: '<a href="/p/{{id}}">x</a>' }, "item has {{id}} inside a tag"],
    ["a suffix inside the quotes", { block, item: '<a href="{{url}}#top">x</a>' }, "item has {{url}} inside a tag"],
    ["a placeholder as an attribute", { block, item: "<a {{title}}>x</a>" }, "item has {{title}} inside a tag"],
    [
      "a placeholder as an attribute after a value",
      { block, item: '<a href="/" {{title}}>x</a>' },
      "item has {{title}} inside a tag",
    ],
    ["a placeholder in a tag name", { block, item: "<p><{{title}}></p>" }, "item has {{title}} inside a tag"],
    [
      "an unquoted value in the block",
      { block: "<ul data-h={{heading}}>{{items}}</ul>", item },
      "block has {{heading}} inside a tag",
    ],
    [
      "an unquoted value after a quoted >",
      { block, item: '<a data-x="1>0" href={{url}}>x</a>' },
      "item has {{url}} inside a tag",
    ],
    [
      "an unquoted value after a single-quoted >",
      { block, item: "<a data-x='>' href={{url}}>x</a>" },
      "item has {{url}} inside a tag",
    ],
    [
      "an attribute after a quoted > and a stray quote",
      { block, item: '<a x=y"z w=">" {{title}}>x</a>' },
      "item has {{title}} inside a tag",
    ],
    ["a placeholder after a lone <", { block, item: "<p>a < b {{title}}</p>" }, "item has {{title}} inside a tag"],
  ])("refuses %s", (_name, template, reason) => {
    const result = compileTemplate(template);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("templateText", () => {
  it("joins the template's own words, without fields", () => {
    const text = templateText(
      compiled({ block: "<div><h3>Da scoprire</h3>{{items}}</div>", item: "<p>Solo {{price}}</p>" }),
    );
    // Literal parts joined by spaces: the markers' quotes, the words, never a field.
    expect(text).toBe('<div data-tact-rule=" " ><h3>Da scoprire</h3> </div> <p data-tact-item=" " >Solo  </p>');
  });
});

describe("compileTemplate: markup that could run code", () => {
  it.each([
    ["<section><script>alert(1)</script>{{items}}</section>", "<script"],
    ["<section><style>body{display:none}</style>{{items}}</section>", "<style"],
    ['<section onclick="go()">{{items}}</section>', "onclick="],
    ['<section style="color:red">{{items}}</section>', "style="],
    ['<section><a href="javascript:void(0)">x</a>{{items}}</section>', "javascript:"],
    ['<section><iframe src="/x"></iframe>{{items}}</section>', "<iframe"],
  ])("refuses %s", (block, what) => {
    const result = compileTemplate({ block, item: ITEM });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(`must not contain ${what}`);
  });
});
