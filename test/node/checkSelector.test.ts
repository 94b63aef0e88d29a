/**
 * The Node-side selector check, without workerd: every selector in
 * fixtures/htmlRewriterSelectors.json gets the answer HTMLRewriter gave
 * (test/unit/selectorParity.test.ts asks HTMLRewriter again, inside workerd,
 * so the record cannot go stale), and refusals say why in plain words.
 */
import { describe, expect, it } from "vitest";
import { checkSelector } from "../../scripts/rules/checkSelector";
import { nodePlatform } from "../../scripts/rules/nodePlatform";
import recorded from "./fixtures/htmlRewriterSelectors.json";

describe("checkSelector", () => {
  it("accepts every selector HTMLRewriter accepted", () => {
    expect(recorded.accepted.filter((selector) => checkSelector(selector) !== undefined)).toEqual([]);
  });

  it("refuses every selector HTMLRewriter refused", () => {
    expect(recorded.refused.filter((selector) => checkSelector(selector) === undefined)).toEqual([]);
  });

  it.each([
    ["div:has(p)", "':has()' is not supported by HTMLRewriter"],
    ["h2 + p", "'+' is not supported by HTMLRewriter"],
    ["h2 ~ p", "'~' is not supported by HTMLRewriter"],
    ["li:last-child", "':last-child' is not supported by HTMLRewriter"],
    ["li:nth-last-child(2)", "':nth-last-child()' is not supported by HTMLRewriter"],
    ["li:nth-child(2 of .a)", "':nth-child(… of …)' is not supported by HTMLRewriter"],
    ["p::before", "'::before' is not supported by HTMLRewriter"],
    ["a:hover", "':hover' is not supported by HTMLRewriter"],
    ["svg|rect", "'svg|' (a namespace prefix) is not supported by HTMLRewriter"],
    ["div >", `"div >" is not a valid CSS selector: '>' must be followed by a selector`],
    ["div,", `"div," is not a valid CSS selector: a selector list has an empty entry (a stray comma)`],
    ["#1a", `"#1a" is not a valid CSS selector: '#1a' is not an id selector: an id must not start with a digit`],
    [
      "[data-x=1]",
      `"[data-x=1]" is not a valid CSS selector: an attribute value must be a word or a quoted string, not '1'`,
    ],
    [
      "li:nth-child(x)",
      `"li:nth-child(x)" is not a valid CSS selector: ':nth-child()' needs a position such as 3, odd, even or 2n+1`,
    ],
    ["", `"" is not a valid CSS selector: the selector is empty`],
  ])("%j: %s", (selector, reason) => {
    expect(checkSelector(selector)).toBe(reason);
  });
});

describe("nodePlatform", () => {
  it("checks selectors with checkSelector", () => {
    expect(nodePlatform.checkSelector).toBe(checkSelector);
  });

  it("compiles URL patterns as URLPattern does, through the polyfill, without a global", () => {
    expect((globalThis as { URLPattern?: unknown }).URLPattern).toBeUndefined();
    const product = nodePlatform.compilePattern("/products/:id");
    if (typeof product === "string") throw new Error(product);
    expect(product.match(new URL("https://shop.example/products/p07"))).toEqual({ id: "p07" });
    expect(product.match(new URL("https://shop.example/category/garden"))).toBeUndefined();
    expect(typeof nodePlatform.compilePattern("/p/:id(\\d+)")).toBe("object");
    expect(nodePlatform.compilePattern("/products/(")).toBe('"/products/(" is not a valid URL path pattern');
    expect(nodePlatform.compilePattern("/p/:id([a-")).toBe('"/p/:id([a-" is not a valid URL path pattern');
  });
});
