/**
 * Every URL path pattern compilePathPattern takes gets the same answer as the
 * runtime's URLPattern, which tact used before (Node 20 has no URLPattern:
 * this runs in workerd).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePathPattern } from "../../src/core/ruleset/compilePathPattern";

const url = (path: string) => new URL(`https://shop.test${path}`);

function matcher(pattern: string) {
  const compiled = compilePathPattern(pattern);
  if (typeof compiled === "string") throw new Error(compiled);
  return compiled;
}

describe("compilePathPattern against URLPattern", () => {
  const literal = fc.stringMatching(/^[a-c.\-_~]{1,3}$/).filter((text) => text !== "." && text !== "..");
  const name = fc.constantFrom("id", "slug", "lang", "x1");
  const segment = fc.oneof(
    literal,
    fc.tuple(fc.option(literal, { nil: "" }), name, fc.option(fc.stringMatching(/^[.\-~][a-c]{0,2}$/), { nil: "" })),
  );
  const pattern = fc
    .tuple(
      fc.array(segment, { minLength: 1, maxLength: 4 }),
      fc.option(fc.nat({ max: 4 })),
      fc.constantFrom("*", "a-*"),
    )
    .map(([segments, wildcard, star]) => {
      const used = new Set<string>();
      const texts = segments.map((s) => {
        if (typeof s === "string") return s;
        const [before, groupName, after] = s;
        const unique = used.has(groupName) ? `${groupName}${used.size}` : groupName;
        used.add(unique);
        return `${before}:${unique}${after}`;
      });
      if (wildcard !== null) texts.splice(Math.min(wildcard, texts.length), 0, star);
      return `/${texts.join("/")}`;
    });
  const pathFor = (text: string) =>
    fc
      .array(fc.stringMatching(/^[a-c.\-~]{0,4}$/), { maxLength: 3 })
      .map((fills) => text.replace(/\*|:[A-Za-z_]\w*/g, (_token) => fills.shift() ?? "a"));

  it("gives URLPattern's answer for every pattern it takes", () => {
    fc.assert(
      fc.property(
        pattern.chain((text) =>
          fc.tuple(fc.constant(text), fc.oneof(pathFor(text), fc.stringMatching(/^\/[a-c/.\-~]{0,12}$/))),
        ),
        ([text, path]) => {
          const ours = matcher(text).match(url(path));
          const theirs = new URLPattern({ pathname: text }).exec(url(path))?.pathname.groups;
          const named = theirs && Object.fromEntries(Object.entries(theirs).filter(([key]) => !/^\d+$/.test(key)));
          expect(ours, `${text} on ${url(path).pathname}`).toEqual(named);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
