import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiHtml } from "../../src/html/asciiHtml";

/** What a browser reads from numeric character references. */
const read = (html: string) =>
  html.replace(/&#x([0-9a-f]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));

describe("asciiHtml", () => {
  it.each([
    ["Caffè e tè", "Caff&#xe8; e t&#xe8;"],
    ["12,50\u00a0€", "12,50&#xa0;&#x20ac;"],
    ["😀", "&#x1f600;"],
    ["a\ud83db", "a&#xfffd;b"],
    ["\udc00", "&#xfffd;"],
    ['<a href="/x">plain</a>', '<a href="/x">plain</a>'],
  ])("%j as %j", (html, ascii) => {
    expect(asciiHtml(html)).toBe(ascii);
  });

  it("is ASCII, and reads back as the text (lone surrogates as U+FFFD)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const ascii = asciiHtml(text.replaceAll("&", ""));
        expect([...ascii].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
        expect(read(ascii)).toBe(text.replaceAll("&", "").toWellFormed());
      }),
    );
  });
});
