/**
 * The second half of a page view, once the origin's answer is known to be an
 * HTML page: learn from the view, decide each slot's block (experiments and
 * previews included) if the catalog has arrived, or let the slot decide when
 * it has, re-sign the cookie, and collect the events the view produced.
 *
 * Learning, frequency caps and click attribution need the catalog before the
 * headers go out. Its read started with the origin request, so it has
 * normally arrived; if not, the headers wait for it at most
 * settings.learningWaitMs. Past that the view moves only the visit counters
 * and capped rules sit this page out.
 */
import type { Card } from "../../core/catalog/Catalog";
import type { CatalogView } from "../../core/catalog/CatalogView";
import type { TactEvent } from "../../core/decide/TactEvent";
import { assignVariant, inHoldout } from "../../core/decide/assign";
import { decayAffinities } from "../../core/profile/affinities";
import { countImpression, pruneCaps } from "../../core/profile/caps";
import { fitCookieBudget } from "../../core/profile/fitCookieBudget";
import { learnPageView } from "../../core/profile/learnPageView";
import { MAX_SHOWN_BLOCKS, type Profile, type ShownBlock, toClaims } from "../../core/profile/Profile";
import { profileCookie } from "../cookie/profileCookie";
import { signProfile } from "../cookie/profileCodec";
import { pickItems } from "../../core/decide/pickItems";
import { fnv1a } from "../../core/decide/seededRandom";
import type { CompiledRule, CompiledRuleSet } from "../../core/ruleset/compileRuleSet";
import { isSensitivePage, pageFacts } from "../../core/decide/pageFacts";
import type { SlotCandidates } from "../../core/decide/selectRules";
import type { PageStart } from "./startPage";
import { withDeadline } from "./withDeadline";

export interface Block {
  /** The rule as shown: a treatment's changes already applied. */
  readonly rule: CompiledRule;
  readonly items: readonly Card[];
  /** False for a control that shows nothing (or a holdout shopper): measured, not shown. */
  readonly shown: boolean;
  readonly experiment: { readonly key: string; readonly variant: string; readonly share: number } | undefined;
}

export interface SlotPlan {
  readonly selector: string;
  readonly position: CompiledRule["position"];
  /** The decision for this slot, undefined when no rule has enough items. */
  readonly block: () => Promise<Block | undefined>;
  /** The same decision, when it was made before the headers went out (the catalog had arrived). */
  readonly decided?: { readonly block: Block | undefined };
}

export interface PagePlan {
  readonly ruleset: CompiledRuleSet;
  readonly slots: readonly SlotPlan[];
  /** Undefined when this browser has no profile: no cookie is written. */
  readonly setCookie: string | undefined;
  /** The copy language; the page's own `lang` may still change it while streaming. */
  readonly language: { value: string };
  /** Events of the view itself (clicks, conversions); exposures come from the slots. */
  readonly events: readonly TactEvent[];
  /** A sensitive page: it produces no exposure events. */
  readonly sensitivePage: boolean;
  readonly preview: PageStart["preview"];
  readonly holdout: boolean;
  /** The anonymous id events are attributed to (hashed before they leave). */
  readonly shopperId: string | undefined;
}

const DAY = 86_400;

/** The rule as a variant changes it. */
function withChange(rule: CompiledRule, change: NonNullable<CompiledRule["experiment"]>["variants"][number]["change"]) {
  if (!change) return rule;
  return {
    ...rule,
    strategies: change.strategies ?? rule.strategies,
    count: change.count ?? rule.count,
    heading: change.heading ?? rule.heading,
    template: change.template ?? rule.template,
  };
}

/** The first of a slot's rules that has enough items, with them (or the control's measurement). */
export function decideBlock(
  rules: readonly CompiledRule[],
  start: PageStart,
  profile: Profile | undefined,
  catalog: CatalogView,
): Block | undefined {
  const { ruleset, page, now } = start;
  const affinities = profile
    ? decayAffinities(profile.affinities, profile.affinitiesAt, now, ruleset.settings.affinityHalfLifeDays * DAY)
    : {};
  const pageSensitive = isSensitivePage(page, catalog, ruleset.sensitive);
  for (const rule of rules) {
    const forced = start.preview?.rule === rule.id ? start.preview.variant : undefined;
    // Holdout shoppers are in no experiment: they measure the program as a whole.
    const variant =
      !rule.experiment || start.holdout
        ? undefined
        : forced !== undefined
          ? rule.experiment.variants.find((candidate) => candidate.id === forced)
          : profile && assignVariant(rule.experiment, profile.id);
    const shownRule = withChange(rule, variant?.change);
    const items = pickItems(shownRule, {
      page,
      profile,
      affinities,
      catalog,
      pageSensitive,
      sensitive: ruleset.sensitive,
      minItems: ruleset.settings.minItems,
      // Stable within a visit, different from one visit to the next; without a
      // profile, the same for everyone on this page today.
      seed: fnv1a(
        profile
          ? `${profile.id}:${profile.visits}:${rule.id}`
          : `${start.url.pathname}:${Math.floor(now / DAY)}:${rule.id}`,
      ),
    });
    if (items.length === 0) continue;
    return {
      rule: shownRule,
      items,
      shown: variant?.control !== "nothing" && !start.holdout,
      experiment: variant && rule.experiment && { key: rule.experiment.key, variant: variant.id, share: variant.share },
    };
  }
  return undefined;
}

export async function finishPage(start: PageStart, cookieMaxAgeSeconds: number, local: boolean): Promise<PagePlan> {
  const { ruleset, page, now } = start;
  const catalog = start.arrived() ?? (await withDeadline(start.catalog, ruleset.settings.learningWaitMs));
  const events: TactEvent[] = [];
  let profile: Profile | undefined;
  if (start.profile) {
    const facts = catalog && pageFacts(page, catalog, ruleset.sensitive);
    const learned = learnPageView(start.profile, page, facts, now, {
      halfLifeSeconds: ruleset.settings.affinityHalfLifeDays * DAY,
    });
    if (learned.orders > start.profile.orders) events.push(...conversions(ruleset, learned.id));
    const item = page.kind === "product" ? page.productId : undefined;
    const clicked = item === undefined ? undefined : start.profile.shown.find((block) => block.items.includes(item));
    if (clicked && item !== undefined) events.push(clickEvent(clicked, item));
    // A block counts one click-through at most; the others stay until a page shows blocks of its own.
    const shownBefore = start.profile.shown.filter((block) => block !== clicked);
    profile = { ...pruneCaps(learned, ruleset.caps, now), shown: shownBefore };
  }

  const slots: SlotPlan[] = [];
  const shown: ShownBlock[] = [];
  for (const slot of start.slots) {
    if (catalog) {
      const block = decideBlock(slot.rules, start, profile, catalog);
      if (profile && block?.shown && block.rule.cap)
        profile = countImpression(profile, block.rule.id, block.rule.cap, now);
      if (block?.shown) shown.push(remembered(block));
      slots.push({ ...planned(slot, async () => block), decided: { block } });
    } else {
      // Decided when the catalog arrives; an impression cannot be counted by then.
      const uncapped = slot.rules.filter((rule) => !rule.cap);
      const current = profile;
      const decided = start.catalog.then((late) => late && decideBlock(uncapped, start, current, late));
      slots.push(planned(slot, () => decided));
    }
  }
  // Nothing about a sensitive page is remembered, not even what it showed; a
  // page that shows nothing leaves what the last one showed, for attribution.
  const sensitivePage = isSensitivePage(page, catalog, ruleset.sensitive);
  if (profile && shown.length > 0 && !sensitivePage) profile = { ...profile, shown: shown.slice(0, MAX_SHOWN_BLOCKS) };

  const signed = profile && (await resigned(start, fitCookieBudget(profile), cookieMaxAgeSeconds));
  return {
    ruleset,
    slots,
    setCookie: signed && profileCookie(signed, start.url, cookieMaxAgeSeconds, local),
    language: { value: start.language },
    events: start.preview ? [] : events,
    sensitivePage,
    preview: start.preview,
    holdout: start.holdout,
    shopperId: start.profile?.id,
  };
}

/**
 * The cookie to send, signed anew, or undefined when the browser's own is
 * still right: the profile did not change on this view and the cookie was
 * signed less than a day ago (its expiry is pushed back once a day at most).
 */
async function resigned(start: PageStart, profile: Profile, maxAgeSeconds: number): Promise<string | undefined> {
  const { now, issuedAt } = start;
  const unchanged =
    issuedAt !== undefined &&
    now - issuedAt < DAY &&
    start.profile !== undefined &&
    JSON.stringify(toClaims(profile)) === JSON.stringify(toClaims(start.profile));
  return unchanged ? undefined : signProfile(profile, start.ring, now, maxAgeSeconds);
}

function remembered(block: Block): ShownBlock {
  return {
    rule: block.rule.id,
    experiment: block.experiment?.key ?? "",
    variant: block.experiment?.variant ?? "",
    items: block.items.map((card) => card.id),
  };
}

/** A view of an item the last page with blocks showed counts for that block. */
function clickEvent(block: ShownBlock, item: string): TactEvent {
  return { type: "click", rule: block.rule, experiment: block.experiment, variant: block.variant, item };
}

/** One conversion per experiment the shopper is enrolled in, and for the holdout. */
function conversions(ruleset: CompiledRuleSet, shopperId: string): TactEvent[] {
  const events: TactEvent[] = [];
  const { holdout } = ruleset.settings;
  if (holdout) {
    const held = inHoldout(holdout, shopperId);
    const share = held ? holdout.percent / 100 : 1 - holdout.percent / 100;
    events.push({ type: "conversion", experiment: holdout.key, variant: held ? "holdout" : "personalized", share });
  }
  if (inHoldout(holdout, shopperId)) return events;
  const seen = new Set<string>();
  for (const rule of ruleset.rules) {
    if (!rule.experiment || seen.has(rule.experiment.key)) continue;
    seen.add(rule.experiment.key);
    const variant = assignVariant(rule.experiment, shopperId);
    if (variant)
      events.push({ type: "conversion", experiment: rule.experiment.key, variant: variant.id, share: variant.share });
  }
  return events;
}

function planned(slot: SlotCandidates, block: () => Promise<Block | undefined>): SlotPlan {
  return { selector: slot.selector, position: slot.position, block };
}
