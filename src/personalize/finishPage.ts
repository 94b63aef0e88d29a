/**
 * The second half of a page view, once the origin's answer is known to be an
 * HTML page: learn from the view, decide each slot's block if the catalog has
 * arrived (or let the slot decide when it has), and re-sign the cookie.
 *
 * Learning and frequency caps need the catalog before the headers go out. Its
 * read started with the origin request, so it has normally arrived; if not,
 * the headers wait for it at most settings.learningWaitMs. Past that the view
 * moves only the visit counters and capped rules sit this page out.
 */
import type { Card } from "../catalog/Catalog";
import type { CatalogView } from "../catalog/readCatalog";
import { decayAffinities } from "../profile/affinities";
import { countImpression, pruneCaps } from "../profile/caps";
import { fitCookieBudget } from "../profile/fitCookieBudget";
import { learnPageView } from "../profile/learnPageView";
import type { Profile } from "../profile/Profile";
import { profileCookie } from "../profile/profileCookie";
import { signProfile } from "../profile/profileCodec";
import { pickItems } from "../recommend/pickItems";
import { fnv1a } from "../recommend/seededRandom";
import type { CompiledRule, CompiledRuleSet } from "../rules/compileRuleSet";
import { isSensitivePage, pageFacts } from "./pageFacts";
import type { SlotCandidates } from "./selectRules";
import type { PageStart } from "./startPage";
import { withDeadline } from "./withDeadline";

export interface Block {
  readonly rule: CompiledRule;
  readonly items: readonly Card[];
}

export interface SlotPlan {
  readonly selector: string;
  readonly position: CompiledRule["position"];
  /** The block for this slot, or undefined to leave it alone. */
  readonly block: () => Promise<Block | undefined>;
}

export interface PagePlan {
  readonly ruleset: CompiledRuleSet;
  readonly slots: readonly SlotPlan[];
  /** Undefined when this browser has no profile: no cookie is written. */
  readonly setCookie: string | undefined;
  /** The copy language; the page's own `lang` may still change it while streaming. */
  readonly language: { value: string };
}

const DAY = 86_400;

/** The first of a slot's rules that has enough items, with them. */
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
    const items = pickItems(rule, {
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
    if (items.length > 0) return { rule, items };
  }
  return undefined;
}

export async function finishPage(start: PageStart, cookieMaxAgeSeconds: number, local: boolean): Promise<PagePlan> {
  const { ruleset, page, now } = start;
  const catalog = start.arrived() ?? (await withDeadline(start.catalog, ruleset.settings.learningWaitMs));
  let profile: Profile | undefined;
  if (start.profile) {
    const facts = catalog && pageFacts(page, catalog, ruleset.sensitive);
    const learned = learnPageView(start.profile, page, facts, now, {
      halfLifeSeconds: ruleset.settings.affinityHalfLifeDays * DAY,
    });
    profile = pruneCaps(learned, ruleset.caps, now);
  }

  const slots: SlotPlan[] = [];
  for (const slot of start.slots) {
    if (catalog) {
      const block = decideBlock(slot.rules, start, profile, catalog);
      if (profile && block?.rule.cap) profile = countImpression(profile, block.rule.id, block.rule.cap, now);
      slots.push(planned(slot, async () => block));
    } else {
      // Decided when the catalog arrives; an impression cannot be counted by then.
      const uncapped = slot.rules.filter((rule) => !rule.cap);
      const current = profile;
      slots.push(
        planned(slot, () => start.catalog.then((late) => late && decideBlock(uncapped, start, current, late))),
      );
    }
  }

  const signed = profile && (await signProfile(fitCookieBudget(profile), start.ring, now, cookieMaxAgeSeconds));
  return {
    ruleset,
    slots,
    setCookie: signed && profileCookie(signed, start.url, cookieMaxAgeSeconds, local),
    language: { value: start.language },
  };
}

function planned(slot: SlotCandidates, block: () => Promise<Block | undefined>): SlotPlan {
  return { selector: slot.selector, position: slot.position, block };
}
