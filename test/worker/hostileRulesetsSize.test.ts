/**
 * Rulesets in KV too big to handle: hundreds of rules, huge arrays, personas
 * and conditions nested deeper than any parser should follow. The page is
 * served whole all the same; hostileRulesets.test.ts has the rest.
 */
import { afterEach, beforeEach, describe, it, vi } from "vitest";
import { TEMPLATE, rule } from "../support/harness";
import { baseDocument, quietCatalog, serveWith } from "./hostileRulesetServe";

beforeEach(quietCatalog);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hostile rulesets", () => {
  it.each([
    ["201 rules (more than allowed)", () => ({ ...baseDocument(), rules: Array.from({ length: 201 }, () => rule()) })],
    [
      "200 rules, each for the page",
      () => ({
        ...baseDocument(),
        rules: Array.from({ length: 200 }, (_, i) => rule({ id: `r${i}`, page: "/__test/*", priority: i % 7 })),
      }),
    ],
    [
      "5,000 personas",
      () => ({
        ...baseDocument(),
        personas: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, { visits: { atLeast: i } }])),
      }),
    ],
    [
      "a rule naming 10,000 personas",
      () => ({
        ...baseDocument(),
        rules: [rule({ page: "/__test/*", personas: Array.from({ length: 10_000 }, (_, i) => `p${i}`) })],
      }),
    ],
    [
      "a heading in 10,000 languages",
      () => ({
        ...baseDocument(),
        rules: [
          rule({
            page: "/__test/*",
            heading: Object.fromEntries(
              Array.from({ length: 10_000 }, (_, i) => [`x${i.toString(36).padStart(2, "a")}`, "x"]),
            ),
          }),
        ],
      }),
    ],
    [
      "100,000 sensitive categories",
      () => ({
        ...baseDocument(),
        settings: { sensitiveCategories: Array.from({ length: 100_000 }, (_, i) => `c${i}`) },
      }),
    ],
    [
      "10,000 templates",
      () => ({
        ...baseDocument(),
        templates: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`t${i}`, TEMPLATE])),
      }),
    ],
    [
      "a 5 MB template",
      () => ({
        ...baseDocument(),
        templates: { cards: { block: `<div>{{items}}${"x".repeat(5e6)}</div>`, item: "<p>{{title}}</p>" } },
      }),
    ],
    [
      "a 2 MB selector",
      () => ({
        ...baseDocument(),
        rules: [rule({ page: "/__test/*", slot: { selector: "div ".repeat(5e5), position: "append" } })],
      }),
    ],
  ])(
    "%s: the page is whole",
    async (_name, make) => {
      await serveWith(JSON.stringify(make()));
    },
    30_000,
  );

  it.each([
    [
      "a persona nested 100,000 deep",
      (depth: number) =>
        `{"version":1,"templates":{},"rules":[],"personas":{"deep":${'{"not":'.repeat(depth)}{"established":true}${"}".repeat(depth)}}}`,
    ],
    [
      "rules nested 100,000 arrays deep",
      (depth: number) => `{"version":1,"templates":{},"rules":[${"[".repeat(depth)}${"]".repeat(depth)}]}`,
    ],
    [
      "settings nested 100,000 objects deep",
      (depth: number) =>
        `{"version":1,"templates":{},"rules":[],"settings":${'{"pages":'.repeat(depth)}{}${"}".repeat(depth)}}`,
    ],
    [
      "a rule with a 100,000-deep heading",
      (depth: number) =>
        `{"version":1,"templates":{},"rules":[{"id":"a","heading":${'{"it":'.repeat(depth)}"x"${"}".repeat(depth)}}]}`,
    ],
  ])(
    "%s: the page is whole",
    async (_name, make) => {
      await serveWith(make(100_000));
    },
    30_000,
  );
});
