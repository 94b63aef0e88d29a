/**
 * Random templates for hostileTemplatesRandom.test.ts: mostly what a card
 * needs, with the tricks mixed in, and catalog values written to hurt.
 */
import fc from "fast-check";
import type { Card } from "../../src/core/catalog/Catalog";

const TAGS = [
  "section",
  "div",
  "ul",
  "li",
  "a",
  "img",
  "span",
  "p",
  "h2",
  "b",
  "small",
  "button",
  "picture",
  "source",
  "br",
];
const REFUSED_TAGS = ["script", "svg", "math", "iframe", "style", "textarea", "x-card", "form", "template", "title"];
const EVERYWHERE: readonly (readonly [string, string])[] = [
  ["class", "card"],
  ["title", "{{title}}"],
  ["data-cat", "{{category}}"],
  ["aria-label", "{{price}}"],
];
/** What each element is usually given; the rest get EVERYWHERE's. */
const OWN: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  a: [
    ["href", "{{url}}"],
    ["href", "/p?a=1&amp;b=2"],
    ["href", "https://shop.example/all"],
    ["rel", "nofollow"],
  ],
  img: [
    ["src", "{{image}}"],
    ["srcset", "{{image}}"],
    ["srcset", "/a.jpg 1x, /b.jpg 2x"],
    ["alt", "{{title}}"],
    ["loading", "lazy"],
  ],
  source: [
    ["srcset", "{{image}}"],
    ["type", "image/webp"],
  ],
  button: [["type", "button"]],
};
const HOSTILE_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ["onclick", "alert(1)"],
  ["style", "position:fixed"],
  ["href", "java&#115;cript:alert(1)"],
  ["href", "javascript:alert(1)"],
  ["href", " javascript:x"],
  ["href", "{{title}}"],
  ["src", "//evil.example/x"],
  ["src", "{{id}}"],
  ["id", "x"],
  ["href", "{{url}}x"],
  ["srcset", "https://evil.example/x 2x"],
  ["formaction", "/x"],
];
const TEXT = ["Da ", "{{title}}", "{{price}}", " & ", "x", "{{url}}", "&amp;", "l'uno", '"due"'];
const NOISE = ["<", ">", '"', "'", "</div>", "<!--", "-->", "{{", "/", "=", "<b", "&", "\u0000"];

const attributeFor = (tag: string) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(OWN[tag] ?? EVERYWHERE)), weight: 6 },
    { arbitrary: fc.constantFrom(...EVERYWHERE), weight: 3 },
    { arbitrary: fc.constantFrom(...HOSTILE_ATTRIBUTES), weight: 1 },
  );
const attributesFor = (tag: string) =>
  fc
    .uniqueArray(
      fc.tuple(attributeFor(tag), fc.constantFrom(`"`, `"`, `'`, ``), fc.constantFrom(" ", " ", " ", "/", "\n")),
      {
        maxLength: 3,
        selector: ([[name]]) => name,
      },
    )
    .map((list) =>
      list.map(([[name, value], quote, space]) =>
        quote === "" && /[\s"'=<>`]/.test(value)
          ? `${space}${name}="${value}"`
          : `${space}${name}=${quote}${value}${quote}`,
      ),
    )
    .map((list) => (tag === "button" && !list.some((a) => a.includes("type=")) ? [' type="button"', ...list] : list))
    .map((list) => list.join(""));

const { node } = fc.letrec<{ node: string; children: string }>((tie) => ({
  node: fc
    .oneof(
      { arbitrary: fc.constantFrom(...TAGS), weight: 24 },
      { arbitrary: fc.constantFrom(...REFUSED_TAGS), weight: 1 },
    )
    .chain((tag) =>
      fc.tuple(
        fc.constant(tag),
        attributesFor(tag),
        tie("children"),
        fc.oneof(
          { arbitrary: fc.constant("close"), weight: 30 },
          { arbitrary: fc.constantFrom("omit", "self", "upper"), weight: 1 },
        ),
      ),
    )
    .map(([tag, attributes, children, ending]) => {
      const name = ending === "upper" ? tag.toUpperCase() : tag;
      const start = `<${name}${attributes}`;
      if (tag === "img" || tag === "br" || tag === "source") return `${start}${ending === "self" ? "/>" : ">"}`;
      if (ending === "self") return `${start}/>${children}`;
      return `${start}>${children}${ending === "omit" ? "" : `</${name}>`}`;
    }),
  children: fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...TEXT), weight: 12 },
        { arbitrary: fc.constantFrom(...NOISE), weight: 1 },
        { arbitrary: tie("node"), weight: 4, depthSize: "small" },
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join("")),
}));

const root = (tag: string, inner: fc.Arbitrary<string>) =>
  fc.tuple(attributesFor(tag), inner).map(([attributes, text]) => `<${tag}${attributes}>${text}</${tag}>`);

/** A block's only text field is the heading: the nodes' item fields become {{heading}} there. */
const inBlock = (text: string) => text.replace(/\{\{(title|price|url|image|category|id)\}\}/g, "{{heading}}");

export const template = fc.record({
  block: root(
    "section",
    fc.tuple(node, node).map(([before, after]) => `<h2>{{heading}}</h2>${before}{{items}}${after}`),
  ).map(inBlock),
  item: fc.oneof(
    root(
      "li",
      fc.array(node, { maxLength: 3 }).map((nodes) => nodes.join("")),
    ),
    node,
  ),
});

export const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    `"><script>alert(1)</script>`,
    `' onmouseover='x`,
    "&amp;&lt;",
    "\ud800",
    "</li></ul><!--",
    "{{title}}",
  ),
);
const url = fc.constantFrom(
  "/products/p1",
  "https://cdn.example/i.jpg?a=1&b='2'",
  "javascript:alert(1)",
  "JAVASCRIPT:x",
  "java\tscript:x",
  "//evil.example/x",
  "/\\evil.example",
  "data:text/html,<script>x</script>",
  '/p"onmouseover="x',
  "/a b",
  "",
);
export const card = fc.record({
  id: fc.constantFrom("p1", "p2", "p3", "a.b:c-d_e"),
  title: hostileText,
  url,
  image: url,
  price: fc.double({ min: 0, max: 1e6, noNaN: true }),
  currency: fc.constantFrom("EUR", "USD"),
  category: fc.constantFrom("kitchen", "garden"),
  inStock: fc.constant(true),
  sensitive: fc.constant(false),
}) as fc.Arbitrary<Card>;
