/**
 * Generated HTML for the rewrite's property tests (hostileHtml*.test.ts): text,
 * tags, attributes, raw text, comments and bogus markup, put together into
 * documents that say how many real slots they hold.
 */
import fc from "fast-check";

const TEXT = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9 .,;:!?'"()=+\-*/àèéìòù€✓]{0,24}$/),
  fc.constantFrom(
    "a < b",
    "5 > 3",
    "<3",
    "<>",
    "&amp;",
    "&",
    '&lt;div id="slot"&gt;',
    "&#x3C;div&#62;",
    "&notanentity;",
    "שלום עולם",
    "مرحبا",
    "\u202etxet\u202c",
    "😀👩‍👩‍👧‍👦🇮🇹",
    "\r\n",
    "\n",
    "\t",
    "\u00a0",
    "\u2028",
  ),
);

const TAGS = ["div", "p", "span", "section", "ul", "li", "a", "b", "i", "em", "table", "tr", "td", "form", "option"];
/** Tags after which HTMLRewriter may refuse text elements: only in the guard's own property. */
const TRICKY_TAGS = ["select", "frameset", "template", "input", "keygen", "svg", "math"];
const ATTRIBUTE_NAMES = ["class", "title", "data-x", "href", "alt", "hidden", "aria-label", "x:y", "lang", "ID"];

const attributeValue = fc.oneof(
  fc.stringMatching(/^[^"]{0,30}$/).map((value) => `"${value}"`),
  fc.constantFrom(
    '"a>b"',
    '"/>"',
    `"<div id='slot'>"`,
    "'<div id=\"slot\">'",
    "'x > y'",
    '"line\nbreak"',
    '"&quot;&gt;"',
    '""',
  ),
  fc.stringMatching(/^[a-zA-Z0-9_.:/-]{1,12}$/),
);

const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTE_NAMES), fc.option(attributeValue), fc.constantFrom(" ", "\n  ", "\t"))
  .map(([name, value, space]) => `${space}${name}${value === null ? "" : `=${value}`}`);

const tag = (names: string[]) =>
  fc
    .tuple(fc.constantFrom(...names), fc.array(attribute, { maxLength: 4 }), fc.constantFrom(">", "/>", " >", "\n>"))
    .map(([name, attributes, end]) => `<${name}${attributes.join("")}${end}`);

const openTag = tag(TAGS);
const closeTag = fc.constantFrom(...TAGS, "html", "body", "nonexistent").map((name) => `</${name}>`);

const voidTag = fc.constantFrom("<br>", "<br/>", '<img src="/x.svg" alt="">', '<input value="&gt;">', "<hr>", "<wbr>");

/** Raw text and RCDATA elements: their content is text, whatever it looks like. */
const RAW = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];
const LOOKALIKES = [
  '<div id="slot">',
  "</div>",
  "'</scr' + 'ipt>'",
  "if (a < b && c > d) {}",
  '"</p>"',
  "x</y",
  "<p>",
  "]]>",
];

const rawText = fc
  .tuple(fc.constantFrom(...RAW), fc.array(fc.oneof(TEXT, fc.constantFrom(...LOOKALIKES)), { maxLength: 5 }))
  .map(([name, parts]) => ({ name, content: parts.join("") }))
  // The content may not end its element early, nor (in a script) open a comment that would hide the end.
  .filter(({ name, content }) => !content.toLowerCase().includes(`</${name}`) && !/<!--|<script/i.test(content))
  .map(({ name, content }) => `<${name}>${content}</${name}>`);

const comment = fc.oneof(
  fc
    .array(fc.oneof(TEXT, fc.constantFrom(...LOOKALIKES)), { maxLength: 4 })
    .map((parts) => parts.join(""))
    .filter((content) => !/--!?>/.test(content) && !/^-?>/.test(content) && !content.endsWith("-"))
    .map((content) => `<!--${content}-->`),
  fc.constantFrom("<!---->", "<!-->", "<!--->", "<!-- -- -->", '<!--[if IE]><div id="slot"><![endif]-->'),
);

const bogus = fc.constantFrom(
  '<?xml version="1.0"?>',
  "<!DOCTYPE html>",
  '<![CDATA[ <div id="slot"> ]]>',
  '<svg viewBox="0 0 1 1"><rect width="1"/><![CDATA[ <div id="slot"> ]]></svg>',
  "<math><mi>x</mi></math>",
  "<template><p>modello</p></template>",
);

export const SLOT = '<div id="slot" class="s">vero slot</div>';

const token = fc.oneof(
  { weight: 5, arbitrary: TEXT },
  { weight: 4, arbitrary: openTag },
  { weight: 3, arbitrary: closeTag },
  { weight: 1, arbitrary: voidTag },
  { weight: 2, arbitrary: rawText },
  { weight: 2, arbitrary: comment },
  { weight: 1, arbitrary: bogus },
  { weight: 1, arbitrary: fc.constant(SLOT) },
);

/** Also markup HTMLRewriter gives up on: text elements in <select>, after <frameset>, unfinished tags. */
export const trickyToken = fc.oneof(
  { weight: 12, arbitrary: token },
  { weight: 2, arbitrary: tag(TRICKY_TAGS) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_TAGS).map((name) => `</${name}>`) },
  { weight: 1, arbitrary: fc.constantFrom("<plaintext>", "<noscript><p>x</p></noscript>", "<title>t</title>") },
  { weight: 1, arbitrary: fc.constantFrom('<div data-x="', "<p title='", "<!--", "<script>", "</", "<", "<!") },
);

export const documentOf = (tokens: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.boolean(),
      fc.constantFrom("", "<!doctype html>\n", '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN">'),
      fc.constantFrom("", '<html lang="it">', "<html lang=en-GB>", "<HTML>"),
      fc.array(tokens, { maxLength: 40 }),
    )
    .map(([bom, doctype, html, parts]) => ({
      text: `${bom ? "\ufeff" : ""}${doctype}${html}${parts.join("")}`,
      slots: parts.filter((t) => t === SLOT).length,
    }));

export const document = documentOf(token);
