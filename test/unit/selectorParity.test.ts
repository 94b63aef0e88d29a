/**
 * The rules CLI checks selectors in Node by grammar (scripts/rules/checkSelector.ts);
 * the Worker asks HTMLRewriter itself (src/rules/workerPlatform.ts). A rule the
 * CLI lets through but the Worker skips would fail silently in production, so
 * both must give the same answer. Here, inside workerd, they are compared on a
 * table, on every selector recorded in test/node/fixtures/htmlRewriterSelectors.json
 * (which the Node tests use without workerd), and on random selectors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSelector } from "../../scripts/rules/checkSelector";
import { workerPlatform } from "../../src/rules/workerPlatform";
import recorded from "../node/fixtures/htmlRewriterSelectors.json";

const accepts = {
  worker: (selector: string) => workerPlatform.checkSelector(selector) === undefined,
  node: (selector: string) => checkSelector(selector) === undefined,
};

/** [selector, whether HTMLRewriter takes it] */
const TABLE: readonly (readonly [string, boolean])[] = [
  ["div", true],
  ["*", true],
  ["#recs", true],
  [".product-extras", true],
  ["div.a.b#c", true],
  ["[data-slot]", true],
  ['[data-slot="recs"]', true],
  ["[class~=picks]", true],
  ["[href^='https']", true],
  ['[href$=".pdf"]', true],
  ["[title*=caff]", true],
  ["[lang|=it]", true],
  ["[data-x=Y i]", true],
  ["main .picks", true],
  ["main > .picks", true],
  ["h2, h3", true],
  ["li:first-child", true],
  ["li:nth-child(2n+1)", true],
  ["li:nth-child(-n+3)", true],
  ["p:nth-of-type(odd)", true],
  ["p:first-of-type", true],
  ["div:not(.hidden)", true],
  ["div:not(.a, .b)", true],
  ["*|div", true],
  ["h2 + p", false],
  ["h2 ~ p", false],
  ["div:has(p)", false],
  ["li:last-child", false],
  ["li:nth-last-child(2)", false],
  ["li:only-child", false],
  ["a:hover", false],
  ["p::before", false],
  ["p:before", false],
  [":is(h2, h3)", false],
  ["li:nth-child(2 of .a)", false],
  ["svg|rect", false],
  ["div >", false],
  ["div,", false],
  ["#1a", false],
  ["[data-x=1]", false],
  // An attribute name with capitals, compared to a value: refused as if namespaced.
  ["[data-X=1]", false],
  ["[A~=picks]", false],
  ["[|Lang=it]", false],
  ["[DATA-SLOT]", true],
  ["", false],
  [":not(:last-child)", false],
  [":not(:last-child p)", true],
];

describe("selector parity between the rules CLI and HTMLRewriter", () => {
  it.each(TABLE)("%j: HTMLRewriter and the CLI agree", (selector, expected) => {
    expect(accepts.worker(selector)).toBe(expected);
    expect(accepts.node(selector)).toBe(expected);
  });

  it("agrees on every recorded selector, and the record still holds", () => {
    const disagreements = [
      ...recorded.accepted.map((selector) => [selector, true] as const),
      ...recorded.refused.map((selector) => [selector, false] as const),
    ].filter(([selector, expected]) => accepts.worker(selector) !== expected || accepts.node(selector) !== expected);
    expect(disagreements).toEqual([]);
  });

  it("agrees on random selectors built from tricky pieces", () => {
    const pieces = [
      ...["div", "p", "*", "#a", "#1", ".b", ".-", "[x]", "[x=y]", "[x='y' i]", "[x|=y]", "[*|x]", "[", "]", "(", ")"],
      ...["[X]", "[X=y]", "A", "x"],
      ...[":first-child", ":last-child", ":nth-child(", ":nth-of-type(", ":not(", ":host(", "::before", ":hover"],
      ...["2n", "+", "-", "1", "n", "odd", " ", ">", "~", ",", "|", "*|", "ns|", "\\", "'", '"', "/*", "*/"],
      ...["of", "\n", ":", ".", "#", "=", "i", "-n", "%", "<!--", "-->", "@x", "{", ";", "!"],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), (parts) => {
        const selector = parts.join("");
        expect(accepts.node(selector), selector).toBe(accepts.worker(selector));
      }),
      { numRuns: 20_000, seed: 20260702 },
    );
  }, 60_000);
});
