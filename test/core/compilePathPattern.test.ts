/**
 * URL path patterns: the grammar that keeps matching linear, and the patterns
 * it refuses (regular expressions that backtrack, from ReDoS write-ups:
 * nested quantifiers, overlapping alternatives). That every pattern it takes
 * gets the runtime's URLPattern's answer is tested in workerd
 * (test/worker/urlPatternParity.test.ts).
 */
import { describe, expect, it } from "vitest";
import { compilePathPattern } from "../../src/core/ruleset/compilePathPattern";

const url = (path: string) => new URL(`https://shop.test${path}`);

function matcher(pattern: string) {
  const compiled = compilePathPattern(pattern);
  if (typeof compiled === "string") throw new Error(compiled);
  return compiled;
}

describe("compilePathPattern", () => {
  it.each([
    ["/products/:id", "/products/p1", { id: "p1" }],
    ["/products/:id", "/products/p1/", undefined],
    ["/products/:id", "/products/", undefined],
    ["/products/:id", "/Products/p1", undefined],
    ["/", "/", {}],
    ["/", "/x", undefined],
    ["/checkout/complete", "/checkout/complete", {}],
    ["/p/:id.html", "/p/a.b.html", { id: "a.b" }],
    ["/p/:id.html", "/p/.html", undefined],
    ["/item-:id", "/item-42", { id: "42" }],
    ["/:lang/c/:slug", "/it/c/tea", { lang: "it", slug: "tea" }],
    ["/shop/*", "/shop/", {}],
    ["/shop/*", "/shop/a/b", {}],
    ["/shop/*", "/shop", undefined],
    ["/*/p/:id", "/it/x/p/7", { id: "7" }],
    ["/*/p/:id", "/p/7", undefined],
    ["/*", "/", {}],
    ["/p/sale-*", "/p/sale-1", {}],
    ["/p/sale-*", "/p/sale-", {}],
    ["/p/sale-*", "/p/sale-1/x", {}],
    ["/p/sale-*", "/p/sale", undefined],
    ["/p/sale-*/r", "/p/sale-1/x/r", {}],
    ["/caf%C3%A9/:id", "/café/1", { id: "1" }],
    ["/products/:id", "/products/caf%C3%A9", { id: "caf%C3%A9" }],
  ])("%s on %s", (pattern, path, groups) => {
    expect(matcher(pattern).match(url(path))).toEqual(groups);
  });

  it("names what it captures", () => {
    expect([...matcher("/:lang/p/:id").names]).toEqual(["lang", "id"]);
  });

  it.each([
    // Catastrophic backtracking, as ReDoS write-ups describe it.
    "/p/:x((?:a|aa)+b)",
    "/p/:x((a+)+b)",
    "/p/:x((a|a)*)",
    "/p/:x(.*.*.*x)",
    "/p/(\\d+)",
    "/p/(.*)",
    // URLPattern's modifiers and groups: linear or not, not in the grammar.
    "/p/:id?",
    "/p/:id+",
    "/p/:id*",
    "/p{/:id}?",
    "/p/{x}",
    // More than one choice to take back.
    "/*/a/*",
    "/:a:b",
    "/a*b",
    "/*.html",
    // Names and text.
    "/p/:id/:id",
    "/p/:",
    "/p/caf\u00e9",
    "/p/a b",
    "/p/%zz",
    "/p/\\:id",
    "p/:id",
  ])("refuses %s", (pattern) => {
    expect(compilePathPattern(pattern)).toMatch(/is not a pattern tact takes: .* so that matching stays linear/);
  });

  it("answers a long path at once, however it is built", () => {
    // The path that made "/p/:x((?:a|aa)+b)" take seconds: here it is one split and a few comparisons.
    const pattern = matcher("/*/p/:id.html");
    expect(pattern.match(url(`/p/${"a".repeat(50_000)}`))).toBeUndefined();
    expect(pattern.match(url(`/${"a/".repeat(20_000)}p/x.html`))).toEqual({ id: "x" });
  });
});
