/**
 * The rules CLI's validator (the Worker's compiler, inside workerd) against
 * hostile documents: it never throws, and when a good document is broken at
 * one place it names that place (or the rule, persona or setting around it)
 * in a problem.
 */
import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { validateRuleSetDocument } from "../../tools/rules/validateRuleSetDocument";
import { closeValidator, sharedValidator } from "./cliHarness";

const seedText = await readFile(new URL("../../kv-seed/ruleset.json", import.meta.url), "utf8");
const seed = JSON.parse(seedText) as Record<string, unknown>;

/** The problems with a document's text, as the CLI finds them. */
const problemsOf = async (text: string) => validateRuleSetDocument(text, await sharedValidator());
const validate = (document: unknown) => problemsOf(JSON.stringify(document));

afterAll(closeValidator);

type Path = (string | number)[];

/** Every path to a leaf or container in a JSON value. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const children = Array.isArray(value)
    ? value.map((child, i) => [i, child] as const)
    : typeof value === "object" && value !== null
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function valueAt(document: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);
}

function replaced(document: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(document) ? [...document] : { ...(document as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, value);
  return copy;
}

/** "rules[3].slot.selector", as the validator spells a path. */
const spell = (path: Path) =>
  path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key), "");

const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * A JSON value of another kind than `value`. Not a list where an object is
 * expected: valibot's object() takes a list for an empty object, so
 * `"established": []` means the defaults (reported; harmless, and the
 * Worker reads it the same way).
 */
const otherKind = (value: unknown) =>
  fc
    .jsonValue({ maxDepth: 2 })
    .filter((candidate) => kindOf(candidate) !== kindOf(value))
    .filter((candidate) => !(kindOf(value) === "object" && Array.isArray(candidate)));

describe("the rules CLI's validator", () => {
  it("accepts the seed document (the base of the mutations below)", async () => {
    expect(await problemsOf(seedText)).toEqual([]);
  });

  it("never throws, whatever text it is given, and answers with a list of problems", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.jsonValue().map((rules) => JSON.stringify({ version: 1, templates: {}, rules: [rules] })),
          fc
            .dictionary(fc.constantFrom("version", "settings", "personas", "templates", "rules"), fc.jsonValue())
            .map((value) => JSON.stringify(value)),
        ),
        async (text) => {
          const problems = await problemsOf(text);
          expect(Array.isArray(problems)).toBe(true);
          for (const problem of problems) expect(typeof problem).toBe("string");
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);

  it("a value of the wrong kind anywhere in a good document is named by its path or an enclosing one", async () => {
    const all = paths(seed).filter((path) => path.length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all).chain((path) => fc.tuple(fc.constant(path), otherKind(valueAt(seed, path)))),
        async ([path, value]) => {
          const problems = await validate(replaced(seed, path, value));
          expect(problems.length).toBeGreaterThan(0);
          // The path itself, or the rule, persona, template or setting it is in.
          const enclosing = Array.from({ length: path.length }, (_, i) => spell(path.slice(0, path.length - i)));
          const named = problems.some((problem) =>
            enclosing.some((prefix) => problem.startsWith(`${prefix}:`) || problem.startsWith(`${prefix}.`)),
          );
          expect(named, `${spell(path)} → ${JSON.stringify(value)}: ${problems.join(" | ")}`).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it("a missing required field is named by its path", async () => {
    const required = ["id", "page", "slot", "count", "template", "heading"];
    const rules = seed["rules"] as Record<string, unknown>[];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: rules.length - 1 }), fc.constantFrom(...required), async (index, field) => {
        const { [field]: _dropped, ...rest } = rules[index]!;
        const problems = await validate(replaced(seed, ["rules", index], rest));
        expect(problems.some((problem) => problem.startsWith(`rules[${index}].${field}:`))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  // Written as text: a document this deep is JSON a file can hold, but not one Node can stringify.
  const DEEP = "__deep__";
  it.each([
    [
      "a persona nested 100,000 deep",
      "personas.deep",
      { ...seed, personas: { deep: DEEP } },
      '{"not":',
      '{"established":true}',
      "}",
    ],
    ["rules nested 100,000 arrays deep", "rules[0]", { ...seed, rules: [DEEP] }, "[", "[]", "]"],
    [
      "a heading nested 100,000 deep",
      "rules[0]",
      { ...seed, rules: [{ ...(seed["rules"] as object[])[0], heading: DEEP }] },
      '{"it":',
      '"x"',
      "}",
    ],
  ])("%s: answered with a problem, not a stack overflow", async (_name, where, document, open, core, close) => {
    const depth = 100_000;
    const text = JSON.stringify(document).replace(`"${DEEP}"`, `${open.repeat(depth)}${core}${close.repeat(depth)}`);
    const problems = await problemsOf(text);
    expect(problems.some((problem) => problem.startsWith(where))).toBe(true);
  });

  it("huge arrays are refused with their path", async () => {
    const problems = await validate({
      ...seed,
      rules: Array.from({ length: 100_000 }, () => (seed["rules"] as object[])[0]),
      settings: { ...(seed["settings"] as object), sensitiveCategories: Array.from({ length: 100_000 }, () => "x") },
    });
    expect(problems.some((problem) => problem.startsWith("rules:"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("settings.sensitiveCategories:"))).toBe(true);
  });
});
