/**
 * tact reads the page's <html lang> from its first bytes instead of asking
 * HTMLRewriter; both must read the same language.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEAD_BYTES, PageHead, htmlLang } from "../../src/html/PageHead";

const encoder = new TextEncoder();

/** What HTMLRewriter reads: the first html start tag's lang (null without one), undefined without the tag. */
async function rewriterLang(page: string): Promise<string | null | undefined> {
  let lang: string | null | undefined;
  let seen = false;
  await new HTMLRewriter()
    .on("html", {
      element(element) {
        if (seen) return;
        seen = true;
        lang = element.getAttribute("lang");
      },
    })
    .transform(new Response(page, { headers: { "content-type": "text/html" } }))
    .arrayBuffer();
  return lang;
}

const CASES = [
  '<!doctype html><html lang="it"><body></body></html>',
  "<!DOCTYPE html>\n<HTML LANG=EN-gb>\n<body>",
  "<html xml:lang=\"fr\" lang='de'><body>",
  '<html data-lang="fr"><body>',
  "<html><body>",
  '<!-- <html lang="fr"> --><html lang="it"><body>',
  '<!-- <html lang="fr"> -- ><html lang="pt">',
  '<html\n  class="no-js"\n  lang = "en-US"\n>',
  '<html/lang="es">',
  '<htmlx lang="fr"><html lang="nl">',
  '<html lang="">',
  '<html lang="it" lang="en">',
  '<html title="a>b" lang="en">',
  "<html title='x>' lang=it data-x=\"y\">",
  "<head><title>no html tag</title></head><body></body>",
  `<!doctype html>${" ".repeat(100)}<html lang="sv">`,
];

describe("htmlLang", () => {
  it.each(CASES)("reads what HTMLRewriter reads: %s", async (page) => {
    expect(htmlLang(encoder.encode(page)) ?? null).toBe((await rewriterLang(page)) ?? null);
  });

  it("reads what HTMLRewriter reads, for generated heads", async () => {
    const attribute = fc.constantFrom(
      'lang="it"',
      "lang=en-GB",
      "LANG='fr'",
      'xml:lang="de"',
      'data-lang="pt"',
      'class="a b"',
      "hidden",
      'title="x > y"',
      "title='<a>'",
    );
    const before = fc.constantFrom("", "<!doctype html>", '<!-- <html lang="ru"> -->', "\n", "<!-- a -->\n");
    await fc.assert(
      fc.asyncProperty(
        before,
        fc.array(attribute, { maxLength: 4 }),
        fc.constantFrom(" ", "\n", "  "),
        async (lead, attributes, space) => {
          const page = `${lead}<html${attributes.map((a) => space + a).join("")}><body></body></html>`;
          expect(htmlLang(encoder.encode(page)) ?? null).toBe((await rewriterLang(page)) ?? null);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("PageHead", () => {
  const read = (chunks: readonly string[]): string => {
    const language = { value: "it" };
    const page = new PageHead(["it", "en"], language, true);
    for (const chunk of chunks) page.read(encoder.encode(chunk));
    return language.value;
  };

  it("takes the page's language when the shop has copy in it", () => {
    expect(read(['<!doctype html><html lang="en-GB"><body>'])).toBe("en");
    expect(read(['<html lang="de"><body>'])).toBe("it");
    expect(read(["<html><body>"])).toBe("it");
  });

  it("finds the html tag in a later chunk, or cut across two", () => {
    expect(read(["<!doctype html>\n", '<html lang="en">'])).toBe("en");
    expect(read(["<!doctype html><html la", 'ng="en"><body>'])).toBe("en");
  });

  it("stops looking after the first bytes of the page", () => {
    expect(read([" ".repeat(HEAD_BYTES), '<html lang="en">'])).toBe("it");
    expect(read(['<html lang="en">', '<html lang="it">'])).toBe("en");
  });
});
