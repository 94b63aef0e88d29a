/**
 * tact itself, replayed: each view of a session is a page view of a product
 * page, decided as the Worker decides one. The core's two steps, as the edge
 * calls them (edges/http/pageView): pageCandidates (the rules for the page,
 * the affinities decayed, the catalog keys to read), then planPage over one
 * bulk read of those keys (learn the view, decide the block). The profile is
 * carried from view to view as the cookie carries it; a session is a new
 * shopper. Lists of 10 and 20 come from the same rule asked for more items
 * (decideBlock, for the shopper planPage learned).
 *
 * This file and tactful.ts are the only ones of the evaluation that call
 * tact's decisions.
 */
import { createHash } from "node:crypto";
import type { Card } from "../../../src/core/catalog/Catalog";
import { classifyPage } from "../../../src/core/decide/classifyPage";
import { pageCandidates } from "../../../src/core/decide/pageCandidates";
import type { PageView } from "../../../src/core/decide/PageView";
import type { PickOptions } from "../../../src/core/decide/pickItems";
import { decideBlock } from "../../../src/core/decide/decideBlock";
import { planPage } from "../../../src/core/decide/planPage";
import { type Profile, freshProfile } from "../../../src/core/profile/Profile";
import type { LocalDate } from "../../../src/core/profile/birthday";
import type { CompiledRuleSet } from "../../../src/core/ruleset/compileRuleSet";
import type { Recommender, SessionReplay } from "../Recommender";
import { PRODUCT_RULE_ID, productRule } from "./demoRuleSet";
import type { ShopCatalog } from "./shopCatalog";

export interface TactSetup {
  readonly name: string;
  readonly catalog: ShopCatalog;
  readonly ruleset: CompiledRuleSet;
  /** Constraints switched off (see PickOptions); none: tact as the Worker runs it. */
  readonly options?: PickOptions;
}

const SHOP = "https://shop.example";

/** An anonymous shopper id of the cookie's form (22 base64url characters), the same for a session every run. */
function shopperId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
}

function utcDate(now: number): LocalDate {
  const date = new Date(now);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function productView(ruleset: CompiledRuleSet, cardId: string, now: number): PageView {
  const { settings } = ruleset;
  const url = new URL(settings.pages.product.replace(/:id\b/, encodeURIComponent(cardId)), SHOP);
  const page = classifyPage(url, ruleset.pages);
  if (page.kind !== "product") throw new Error(`settings.pages.product does not make ${url.pathname} a product page`);
  const language = settings.languages[0] ?? "en";
  const request = {
    country: undefined,
    device: "desktop" as const,
    language,
    referrer: undefined,
    utmSource: undefined,
    localHour: undefined,
    // The logs carry no time zone: the session's own UTC date.
    localDate: utcDate(now),
  };
  return { url, now, page, language, request, preview: undefined };
}

function replay(setup: TactSetup, sessionId: string): SessionReplay {
  const { catalog, ruleset, options = {} } = setup;
  const rule = productRule(ruleset);
  const itemsOf = (cards: readonly Card[] | undefined) =>
    (cards ?? []).flatMap((c) => catalog.names.itemOf(c.id) ?? []);
  let profile: Profile | undefined;
  return {
    view(item, time, sizes) {
      const now = Math.floor(time);
      const view = productView(ruleset, catalog.names.cardId(item) ?? item, now);
      profile ??= freshProfile(now, shopperId(sessionId));
      const candidates = pageCandidates(ruleset, profile, view);
      if (!candidates) return sizes.map(() => []);
      const read = catalog.read(candidates.catalogKeys);
      const plan = planPage(ruleset, candidates, view, read, options);
      profile = plan.profile;
      const slot = candidates.slots.findIndex((s) => s.rules.some((r) => r.id === PRODUCT_RULE_ID));
      const block = plan.slots[slot]?.decided?.block;
      return sizes.map((size) =>
        size === rule.count
          ? itemsOf(block?.items)
          : itemsOf(decideBlock([{ ...rule, count: size }], ruleset, view, plan.shopper, read, options)?.items),
      );
    },
  };
}

/** tact's product-page block, as the Worker shows it (or with some constraints off). */
export function tactRecommender(setup: TactSetup): Recommender {
  return { name: setup.name, session: (id) => replay(setup, id) };
}
