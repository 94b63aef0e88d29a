/**
 * The second half of deciding a page view, once the catalog is in (or late):
 * learn from the view, attribute a click-through or count a conversion,
 * decide each slot's block and count its impression, and remember what the
 * page shows. Pure: the same inputs give the same plan. The edge signs the
 * profile into the cookie, streams the blocks into the page and sends the
 * events.
 *
 * Without the catalog (it has not answered in time), the view moves only the
 * visit counters, capped rules sit the page out, and each slot keeps its
 * other rules to be decided when the catalog arrives (decideBlock, with the
 * shopper this plan learned).
 */
import type { CatalogView } from "../catalog/CatalogView";
import { countImpression, pruneCaps } from "../profile/caps";
import { fitCookieBudget } from "../profile/fitCookieBudget";
import { learnPageView } from "../profile/learnPageView";
import { MAX_SHOWN_BLOCKS, type Profile, type ShownBlock } from "../profile/Profile";
import type { CompiledRule, CompiledRuleSet, SlotPosition } from "../ruleset/compileRuleSet";
import { type Block, type Shopper, decideBlock } from "./decideBlock";
import { type Candidates, DAY } from "./pageCandidates";
import { clickEvent, conversions, shownOf } from "./pageEvents";
import { isSensitivePage, pageFacts } from "./pageFacts";
import type { PageView } from "./PageView";
import type { PickOptions } from "./pickItems";
import type { TactEvent } from "./TactEvent";

export interface SlotDecision {
  readonly selector: string;
  readonly position: SlotPosition;
  /** The block, when the catalog was in: undefined when no rule has enough items. */
  readonly decided?: { readonly block: Block | undefined };
  /** Without the catalog: the rules (capped ones left out) to decide with it once it arrives. */
  readonly late?: readonly CompiledRule[];
}

export interface PagePlan {
  /** The profile to keep (after this view), fitted to the cookie; undefined without one. */
  readonly profile: Profile | undefined;
  /** Who the blocks are for, for blocks decided late. */
  readonly shopper: Shopper;
  readonly slots: readonly SlotDecision[];
  /** Events of the view itself (clicks, conversions); exposures come from the page. */
  readonly events: readonly TactEvent[];
  /** A sensitive page: nothing about it is remembered, and it counts no exposures. */
  readonly sensitivePage: boolean;
}

/** The profile after the view, with the events it made; the affinities as of now, this view's included. */
function learn(ruleset: CompiledRuleSet, candidates: Candidates, view: PageView, catalog: CatalogView | undefined) {
  const { profile: before } = candidates;
  if (!before) return { profile: undefined, affinities: candidates.affinities, events: [] };
  const facts = catalog && pageFacts(view.page, catalog, ruleset.sensitive);
  const halfLifeSeconds = ruleset.settings.affinityHalfLifeDays * DAY;
  const learned = learnPageView(before, view.page, facts, view.now, { halfLifeSeconds }, candidates.affinities);
  const events: TactEvent[] = learned.orders > before.orders ? conversions(ruleset, learned.id, learned.firstSeen) : [];
  const item = view.page.kind === "product" ? view.page.productId : undefined;
  const clicked = item === undefined ? undefined : before.shown.find((block) => block.items.includes(item));
  if (clicked && item !== undefined) events.push(clickEvent(clicked, item));
  // A block counts one click-through at most; the others stay until a page shows blocks of its own.
  const shown = before.shown.filter((block) => block !== clicked);
  const profile = { ...pruneCaps(learned, ruleset.caps, view.now), shown };
  // learnPageView makes new affinities only when the view teaches one.
  const affinities = learned.affinities === before.affinities ? candidates.affinities : learned.affinities;
  return { profile, affinities, events };
}

export function planPage(
  ruleset: CompiledRuleSet,
  candidates: Candidates,
  view: PageView,
  catalog: CatalogView | undefined,
  options: PickOptions = {},
): PagePlan {
  const learned = learn(ruleset, candidates, view, catalog);
  let profile: Profile | undefined = learned.profile;
  const shopper: Shopper = { profile, affinities: learned.affinities, holdout: candidates.holdout };
  const slots: SlotDecision[] = [];
  const shown: ShownBlock[] = [];
  for (const { selector, position, rules } of candidates.slots) {
    if (!catalog) {
      // An impression cannot be counted once the cookie is gone: capped rules sit this page out.
      slots.push({ selector, position, late: rules.filter((rule) => !rule.cap) });
      continue;
    }
    const block = decideBlock(rules, ruleset, view, { ...shopper, profile }, catalog, options);
    if (profile && block?.shown && block.rule.cap) {
      profile = countImpression(profile, block.rule.id, block.rule.cap, view.now);
    }
    if (block?.shown) shown.push(shownOf(block));
    slots.push({ selector, position, decided: { block } });
  }
  // Nothing about a sensitive page is remembered, not even what it showed; a
  // page that shows nothing leaves what the last one showed, for attribution.
  const sensitivePage = isSensitivePage(view.page, catalog, ruleset.sensitive);
  if (profile && shown.length > 0 && !sensitivePage) profile = { ...profile, shown: shown.slice(0, MAX_SHOWN_BLOCKS) };
  return {
    profile: profile && fitCookieBudget(profile),
    shopper,
    slots,
    events: view.preview ? [] : learned.events,
    sensitivePage,
  };
}
