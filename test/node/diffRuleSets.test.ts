/** The structural diff behind `diff`, `push`, `toggle` and `ramp`: one readable line per change, by path. */
import { describe, expect, it } from "vitest";
import { diffRuleSets, formatChange } from "../../tools/rules/diffRuleSets";

const rule = (id: string, extra: Record<string, unknown> = {}) => ({ id, page: "/", count: 4, ...extra });
const lines = (before: unknown, after: unknown) => diffRuleSets(before, after).map(formatChange);

describe("diffRuleSets", () => {
  it("names a changed value by its path, and the rule it is in", () => {
    const before = { rules: [rule("a"), rule("b", { experiment: { key: "x", traffic: 20 } })] };
    const after = { rules: [rule("a"), rule("b", { experiment: { key: "x", traffic: 50 } })] };
    expect(lines(before, after)).toEqual(['~ rules[1].experiment.traffic: 20 → 50  (rule "b")']);
  });

  it("matches rules by id, so an insertion is one line and not a cascade", () => {
    const before = { rules: [rule("a"), rule("c")] };
    const after = { rules: [rule("a"), rule("b"), rule("c")] };
    expect(lines(before, after)).toEqual(['+ rules[1]: {"id":"b","page":"/","count":4}']);
    expect(lines(after, before)).toEqual(['- rules[1]: {"id":"b","page":"/","count":4}']);
  });

  it("reports a change of order, which decides ties", () => {
    expect(lines({ rules: [rule("a"), rule("b")] }, { rules: [rule("b"), rule("a")] })).toEqual([
      "~ rules (order): a, b → b, a",
    ]);
  });

  it("matches variants by id inside a rule", () => {
    const variants = (weight: number) => [
      { id: "control", weight: 50 },
      { id: "warm", weight },
    ];
    const before = { rules: [rule("a", { experiment: { variants: variants(50) } })] };
    const after = { rules: [rule("a", { experiment: { variants: variants(30) } })] };
    expect(lines(before, after)).toEqual([
      '~ rules[0].experiment.variants[1].weight: 50 → 30  (rule "a", variant "warm")',
    ]);
  });

  it("adds and removes fields, and compares lists without ids by position", () => {
    const before = { settings: { languages: ["it", "en"], minItems: 2 } };
    const after = { settings: { languages: ["it", "de", "en"], maxPerCategory: 3 } };
    expect(lines(before, after)).toEqual([
      '~ settings.languages[1]: "en" → "de"',
      '+ settings.languages[2]: "en"',
      "- settings.minItems: 2",
      "+ settings.maxPerCategory: 3",
    ]);
  });

  it("finds nothing between equal documents, whatever their key order", () => {
    expect(diffRuleSets({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
  });

  it("shortens long values", () => {
    const [line] = lines({ rules: [] }, { rules: [rule("long", { heading: { en: "x".repeat(200) } })] });
    expect(line?.length).toBeLessThan(100);
    expect(line?.endsWith("…")).toBe(true);
  });
});
