/**
 * A page served under a stored ruleset and checked against what the compiler
 * makes of the document, for the hostile ruleset test files.
 */
import { type MockInstance, expect, vi } from "vitest";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { workerPlatform } from "../../src/html/runtimePlatform";
import { TEMPLATE, get, originBytes, putRuleSet, rule, standardCatalog } from "../support/harness";

const PAGE = "/__test/fixture/slots";
const BLOCK = /<section data-tact-rule="([^"]+)" class="picks">[\s\S]*?<\/section>/g;

/** A valid document: three rules for three slots of the page, a persona, a template. */
export function baseDocument(): Record<string, unknown> {
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

export let warnings: MockInstance<typeof console.warn>;
let errors: MockInstance<typeof console.error>;

export const logged = (spy: MockInstance<typeof console.warn>, event: string) =>
  spy.mock.calls
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((line) => line["event"] === event);

/** Stores a document, serves the page once, and checks it against the oracle. */
export async function serveWith(text: string): Promise<string[]> {
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

/** Before each test: the Worker's logs caught (they are checked), the standard catalog. */
export async function quietCatalog(): Promise<void> {
  vi.spyOn(console, "log").mockImplementation(() => {});
  warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  await standardCatalog();
}
