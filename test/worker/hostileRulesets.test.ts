/**
 * Hostile rulesets in KV: random documents, a good document broken at a random
 * place, huge arrays, deep nesting, selectors HTMLRewriter cannot match.
 * Pages are always served whole: a bad document leaves them byte for byte as
 * they were, a bad rule is skipped (with a log line naming its path) and the
 * others still run. failOpen.test.ts has one example of each kind, and
 * hostileTemplates.test.ts the templates; the rules CLI's side is
 * test/node/validateRuleSetFuzz.test.ts.
 */
import fc from "fast-check";
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import { TEMPLATE, get, originBytes, putRuleSet, rule, standardCatalog } from "../support/harness";

const PAGE = "/__test/fixture/slots";
const BLOCK = /<section data-tact-rule="([^"]+)" class="picks">[\s\S]*?<\/section>/g;

/** A valid document: three rules for three slots of the page, a persona, a template. */
function baseDocument(): Record<string, unknown> {
  return {
    version: 1,
    settings: { languages: ["it", "en"], slotDeadlineMs: 2000, learningWaitMs: 200, minItems: 2 },
    personas: { returning: { visits: { atLeast: 1 } } },
    templates: { cards: TEMPLATE },
    rules: [
      rule({ id: "in-slot", page: "/__test/*" }),
      rule({
        id: "after-title",
        page: "/__test/*",
        slot: { selector: "h1", position: "after" },
        personas: ["returning"],
      }),
      rule({ id: "in-main", page: "/__test/*", slot: { selector: "main", position: "prepend" }, count: 2 }),
    ],
  };
}

/** What the Worker must make of a document: the rule ids it may show, or nothing at all. */
async function oracle(text: string): Promise<{ ok: false } | { ok: true; rules: Set<string>; skipped: string[] }> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const outcome = await compileRuleSet(document, workerPlatform);
  if (!outcome.ok) return { ok: false };
  return {
    ok: true,
    rules: new Set(outcome.ruleset.rules.map((r) => r.id)),
    skipped: outcome.ruleset.skipped.map((s) => s.path),
  };
}

let warnings: MockInstance<typeof console.warn>;
let errors: MockInstance<typeof console.error>;

const logged = (spy: MockInstance<typeof console.warn>, event: string) =>
  spy.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((line) => line["event"] === event);

/** Stores a document, serves the page once, and checks it against the oracle. */
async function serveWith(text: string): Promise<string[]> {
  warnings.mockClear();
  errors.mockClear();
  await putRuleSet(text);
  const response = await get(PAGE);
  expect(response.status).toBe(200);
  const html = await response.text();
  const original = new TextDecoder().decode(await originBytes(PAGE));
  const expected = await oracle(text);
  const shown = [...html.matchAll(BLOCK)].map((m) => m[1]!);
  expect(html.replace(BLOCK, "")).toBe(original);
  if (!expected.ok) {
    expect(shown).toEqual([]);
    expect(logged(errors, "ruleset.invalid")).toHaveLength(1);
  } else {
    for (const id of shown) expect(expected.rules).toContain(id);
    const skipped = logged(warnings, "ruleset.rule-skipped").map((line) => String(line["path"]));
    expect(skipped).toEqual(expected.skipped);
  }
  return shown;
}

beforeEach(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  await standardCatalog();
});

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
