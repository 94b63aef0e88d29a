/**
 * Templates written to hurt the shop (test/fixtures/hostileTemplates.json,
 * after the XSS filter evasion cheat sheets). The Worker refuses every one:
 * its rule is skipped and logged, the page is served whole, the other rules
 * still run. hostileTemplatesRandom.test.ts has random templates rendered
 * with hostile catalog values; the rules CLI's side is
 * test/node/hostileTemplates.test.ts.
 */
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import corpus from "../fixtures/hostileTemplates.json";
import { compileTemplate } from "../../src/html/compileTemplate";
import { TEMPLATE, get, originBytes, putRuleSet, rule, standardCatalog } from "../support/harness";

const PAGE = "/__test/fixture/slots";
const BLOCK = /<section data-tact-rule="([^"]+)" class="picks">[\s\S]*?<\/section>/g;

let warnings: MockInstance<typeof console.warn>;

beforeEach(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
  await standardCatalog();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The template of a corpus entry: its hostile part, and the ordinary other part. */
const templateOf = (entry: (typeof corpus.templates)[number]) => ({
  ...TEMPLATE,
  [entry.part]: entry.template,
});

describe("hostile templates, in the Worker", () => {
  it("holds at least 40 of them", () => {
    expect(corpus.templates.length).toBeGreaterThanOrEqual(40);
  });

  it("skips and logs every one, and serves the page whole with the other rules' blocks", async () => {
    const templates = Object.fromEntries(corpus.templates.map((entry, i) => [`h${i}`, templateOf(entry)]));
    const rules = corpus.templates.map((_entry, i) => rule({ id: `r${i}`, page: "/__test/*", template: `h${i}` }));
    await putRuleSet({
      version: 1,
      settings: { languages: ["it", "en"], learningWaitMs: 200, slotDeadlineMs: 2000 },
      templates: { ...templates, cards: TEMPLATE },
      rules: [...rules, rule({ id: "good", page: "/__test/*", template: "cards" })],
    });
    let html = "";
    // On a busy machine tact may miss its start deadline and leave a page untouched: try again, twice at most.
    for (let attempt = 0; attempt < 3 && !html.includes("data-tact-rule"); attempt++) {
      const response = await get(PAGE);
      expect(response.status).toBe(200);
      html = await response.text();
    }
    expect([...html.matchAll(BLOCK)].map((match) => match[1])).toEqual(["good"]);
    expect(html.replace(BLOCK, "")).toBe(new TextDecoder().decode(await originBytes(PAGE)));

    const skipped = warnings.mock.calls
      .map((call) => JSON.parse(String(call[0])) as { event: string; path: string; reasons: string[] })
      .filter((line) => line.event === "ruleset.rule-skipped");
    const paths = new Set(skipped.map((line) => line.path));
    const missing = corpus.templates.filter((_entry, i) => !paths.has(`templates.h${i}`) || !paths.has(`rules[${i}]`));
    expect(missing.map((entry) => entry.name)).toEqual([]);
    for (const line of skipped) expect(line.reasons.length).toBeGreaterThan(0);
  }, 30_000);

  it.each(corpus.templates.map((entry) => [entry.name, entry] as const))(
    "refuses %s, saying why",
    async (_name, entry) => {
      const result = await compileTemplate(templateOf(entry));
      expect(result.ok).toBe(false);
      if (!result.ok) for (const problem of result.problems) expect(problem).toMatch(new RegExp(`^${entry.part}: \\S`));
    },
  );
});
