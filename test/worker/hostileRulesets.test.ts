/**
 * Hostile rulesets in KV: random documents, a good document broken at a random
 * place, selectors HTMLRewriter cannot match (huge arrays and deep nesting are
 * in hostileRulesetsSize.test.ts).
 * Pages are always served whole: a bad document leaves them byte for byte as
 * they were, a bad rule is skipped (with a log line naming its path) and the
 * others still run. failOpen.test.ts has one example of each kind, and
 * hostileTemplates.test.ts the templates; the rules CLI's side is
 * test/node/validateRuleSetFuzz.test.ts.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { workerPlatform } from "../../src/html/runtimePlatform";
import { rule } from "../support/harness";
import { baseDocument, logged, quietCatalog, serveWith, warnings } from "./hostileRulesetServe";

beforeEach(quietCatalog);

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every path into a JSON value, as a list of keys. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : typeof value === "object" && value !== null
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

/** The document with the value at `path` replaced (undefined: left out, as JSON leaves it out). */
function replaced(document: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(document) ? [...document] : { ...(document as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaced(copy[head!], rest, value);
  return copy;
}

describe("hostile rulesets", () => {
  it("the base document shows its blocks (so the properties below cannot pass vacuously)", async () => {
    // Up to three tries: on a busy machine tact may miss its start deadline and leave a page untouched.
    let shown: string[] = [];
    for (let attempt = 0; attempt < 3 && shown.length < 2; attempt++)
      shown = await serveWith(JSON.stringify(baseDocument()));
    expect(shown.sort()).toEqual(["in-main", "in-slot"]);
  });

  it("random documents, JSON or not, leave the page whole", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((value) => JSON.stringify({ version: 1, templates: {}, rules: [value] })),
          fc
            .dictionary(fc.constantFrom("version", "settings", "personas", "templates", "rules"), fc.jsonValue())
            .map((value) => JSON.stringify(value)),
        ),
        async (text) => {
          await serveWith(text);
        },
      ),
      { numRuns: 50 },
    );
  }, 60_000);

  it("a good document broken at any one place: a bad document passes pages through, a bad rule is skipped", async () => {
    const base = baseDocument();
    const all = paths(base).filter((path) => path.length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(undefined, null, -1, 0, 1e308, "", "x".repeat(5000), [], {}, true, "div:has(p)", "/("),
        ),
        async (path, value) => {
          await serveWith(JSON.stringify(replaced(base, path, value)));
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  const fragment = fc.constantFrom(
    "div",
    "*",
    "#slot",
    ".a",
    "[data-x]",
    '[a="b"]',
    "[a^=b i]",
    ":first-child",
    ":nth-child(2n+1)",
    ":not(.a)",
    ":has(p)",
    ":hover",
    "::before",
    ":last-child",
    ":is(a)",
    "svg|rect",
    "\\31 23",
    "ä",
    " ",
    " > ",
    " + ",
    " ~ ",
    ",",
    "(",
    ")",
    "[",
    "]",
    '"',
    ":",
    "#1",
    "..",
    "\u0000",
  );
  const selector = fc.oneof(
    fc.array(fragment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("")),
    fc.string({ maxLength: 12 }),
  );

  it("a selector HTMLRewriter cannot match skips its rule, logged with its path", async () => {
    await fc.assert(
      fc.asyncProperty(selector, async (text) => {
        const document = {
          ...baseDocument(),
          rules: [rule({ id: "fuzzed", page: "/__test/*", slot: { selector: text, position: "append" } })],
        };
        await serveWith(JSON.stringify(document));
        if (text.trim() !== "" && workerPlatform.checkSelector(text.trim()) !== undefined) {
          const reasons = logged(warnings, "ruleset.rule-skipped").flatMap((line) => line["reasons"] as string[]);
          expect(reasons.some((reason) => reason.startsWith("rules[0].slot.selector:"))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
