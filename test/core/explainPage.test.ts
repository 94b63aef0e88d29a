import { describe, expect, it } from "vitest";
import { POPULAR_KEY, itemKey } from "../../src/core/catalog/Catalog";
import { classifyPage } from "../../src/core/decide/classifyPage";
import { type PageTrace, explainPage } from "../../src/core/decide/explainPage";
import { pageCandidates } from "../../src/core/decide/pageCandidates";
import type { PageView, Preview } from "../../src/core/decide/PageView";
import { planPage } from "../../src/core/decide/planPage";
import type { Profile } from "../../src/core/profile/Profile";
import { type CompiledRuleSet, compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { T0, card, catalogView, productRule as rule, profile, request } from "../support/builders";
import { plainPlatform } from "../support/plainPlatform";

const NOW = T0 + 30 * 86_400;

const RULES = [
  rule("garden-only", { priority: 20, strategies: ["popular"], categories: ["garden"] }),
  rule("tea-picks", {
    priority: 10,
    personas: ["tea-lovers"],
    strategies: ["related", "popular"],
    experiment: {
      key: "tea-test",
      traffic: 0,
      variants: [
        { id: "control", weight: 50, control: "baseline" },
        { id: "treatment", weight: 50, strategies: ["popular"] },
      ],
    },
  }),
  rule("loyal-picks", { priority: 9, audience: "established", strategies: ["popular"] }),
  rule("italian-picks", { priority: 5, personas: ["italians"], strategies: ["popular"] }),
  rule("fallback", { priority: 0, strategies: ["popular"] }),
  rule("home-picks", { page: "/", strategies: ["popular"] }),
  rule("old-picks", { priority: 30, strategies: ["popular"], enabled: false }),
];

async function compiled(): Promise<CompiledRuleSet> {
  const outcome = await compileRuleSet(
    {
      version: 1,
      personas: {
        "tea-lovers": { affinity: { category: "tea", atLeast: 2 } },
        italians: { country: ["IT"] },
      },
      templates: {
        cards: {
          block: "<section>{{heading}}<ul>{{items}}</ul></section>",
          item: '<li><a href="{{url}}">{{title}}</a></li>',
        },
      },
      rules: RULES,
    },
    plainPlatform,
  );
  if (!outcome.ok) throw new Error(outcome.reasons.join("; "));
  expect(outcome.ruleset.skipped).toEqual([]);
  return outcome.ruleset;
}

const catalog = catalogView(
  {
    [itemKey("p1")]: {
      item: card("p1", { category: "tea" }),
      related: [card("r1", { category: "tea" }), card("r2", { category: "tea" })],
    },
    // The page's own product: its category makes the (kitchen) best-sellers on topic.
    [itemKey("p9")]: { item: card("p9"), related: [] },
  },
  { [POPULAR_KEY]: { sensitive: false, items: ["x1", "x2", "x3", "x4"].map((id) => card(id)) } },
);

/** A view of the product page p9, with the given preview. */
function productView(ruleset: CompiledRuleSet, preview: Preview): PageView {
  const url = new URL("https://shop.test/products/p9");
  return { url, now: NOW, page: classifyPage(url, ruleset.pages), language: "en", request: request(), preview };
}

async function explain(shopper: Profile | undefined, preview: Preview): Promise<PageTrace> {
  const ruleset = await compiled();
  const view = productView(ruleset, preview);
  const candidates = pageCandidates(ruleset, shopper, view);
  if (!candidates) throw new Error("no candidates");
  const plan = planPage(ruleset, candidates, view, catalog);
  const outcomes = plan.slots.map((slot) => slot.decided?.block);
  return explainPage(ruleset, candidates, view, { shopper: plan.shopper, catalog, outcomes });
}

const teaLover = profile({ visits: 3, affinities: { tea: 3 }, affinitiesAt: NOW, recent: ["p1"] });

describe("explainPage", () => {
  it("says why each rule for the slot won or lost, which personas matched, and where each item came from", async () => {
    const trace = await explain(teaLover, { rule: "home-picks", variant: "baseline", explain: true });
    expect(trace).toMatchObject({ profile: true, established: false, holdout: false, previewMissing: false });
    expect(trace.slots).toHaveLength(1);
    const [slot] = trace.slots;
    expect(slot?.winner).toBe("tea-picks");
    expect(slot?.rules.map((r) => [r.id, r.verdict])).toEqual([
      ["garden-only", "too-few-items"],
      ["tea-picks", "won"],
      ["fallback", "outranked"],
      ["loyal-picks", "established-only"],
      ["italian-picks", "no-persona"],
      ["old-picks", "switched-off"],
    ]);
    expect(slot?.rules.find((r) => r.id === "tea-picks")?.personas).toEqual([{ name: "tea-lovers", matched: true }]);
    expect(slot?.rules.find((r) => r.id === "italian-picks")?.personas).toEqual([{ name: "italians", matched: false }]);
    // Traffic 0: the rule is shown as written, outside its experiment.
    expect(slot?.experiment).toEqual({ key: "tea-test", variant: undefined, why: "not-enrolled" });
    expect(slot?.items).toHaveLength(3);
    for (const item of slot?.items ?? []) {
      const related = item.id.startsWith("r");
      expect(item).toMatchObject({ strategy: related ? "related" : "popular", fallback: !related });
    }
    expect(slot?.items.filter((item) => item.strategy === "related")).toHaveLength(2);
  });

  it("names the previewed variant, with its change applied to the items' sources", async () => {
    const trace = await explain(undefined, { rule: "tea-picks", variant: "treatment", explain: true });
    expect(trace).toMatchObject({ profile: false, previewMissing: false });
    const [slot] = trace.slots;
    expect(slot?.rules.map((r) => [r.id, r.verdict])).toEqual([
      ["tea-picks", "previewed"],
      ["garden-only", "outranked"],
      ["fallback", "outranked"],
      ["loyal-picks", "needs-profile"],
      ["italian-picks", "needs-profile"],
      ["old-picks", "switched-off"],
    ]);
    expect(slot?.experiment).toEqual({ key: "tea-test", variant: "treatment", share: 0.5, forced: true });
    expect(slot?.items.map((item) => [item.strategy, item.fallback])).toEqual([
      ["popular", false],
      ["popular", false],
      ["popular", false],
    ]);
  });

  it("says when the previewed rule is switched off, and marks a slot not decided in time", async () => {
    const ruleset = await compiled();
    const view = productView(ruleset, { rule: "old-picks", variant: "baseline", explain: true });
    const candidates = pageCandidates(ruleset, teaLover, view);
    if (!candidates) throw new Error("no candidates");
    const plan = planPage(ruleset, candidates, view, undefined);
    const trace = explainPage(ruleset, candidates, view, {
      shopper: plan.shopper,
      catalog: undefined,
      outcomes: ["late"],
    });
    expect(trace.previewMissing).toBe(true);
    expect(trace.slots[0]?.winner).toBeUndefined();
    expect(trace.slots[0]?.rules.filter((r) => r.verdict === "undecided").map((r) => r.id)).toEqual([
      "garden-only",
      "tea-picks",
      "fallback",
    ]);
  });
});
