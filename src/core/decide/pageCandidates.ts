/**
 * The first half of deciding a page view, made before the catalog is read:
 * which rules may fill which slot for this shopper, and so which catalog
 * entries to read. The shopper's affinities are decayed to now here, once,
 * and every later decision of the view reads them as they are.
 */
import type { Profile } from "../profile/Profile";
import { decayAffinities } from "../profile/affinities";
import { isEstablished } from "../profile/tenure";
import type { CompiledRuleSet } from "../ruleset/compileRuleSet";
import { inHoldout } from "./assign";
import { catalogKeysFor } from "./catalogKeysFor";
import type { Subject } from "./matchCondition";
import type { PageView } from "./PageView";
import { type SlotCandidates, selectRules } from "./selectRules";

export const DAY = 86_400;

export interface Candidates {
  /** The profile before this view; undefined when this browser has none. */
  readonly profile: Profile | undefined;
  /** The profile's affinities decayed to now. */
  readonly affinities: Readonly<Record<string, number>>;
  /** In the program holdout: blocks are decided (and measured) but never shown. */
  readonly holdout: boolean;
  readonly slots: readonly SlotCandidates[];
  /** The catalog entries the slots' strategies draw on. */
  readonly catalogKeys: readonly string[];
}

/** Whether a page could concern the ruleset at all: a product, category or order page, or one a rule names. */
export function mayConcern(ruleset: CompiledRuleSet, view: Pick<PageView, "page" | "url">): boolean {
  return view.page.kind !== "other" || ruleset.rules.some((rule) => rule.page.match(view.url));
}

/** Undefined when there is nothing to do: no profile to learn into and no rule for the page. */
export function pageCandidates(
  ruleset: CompiledRuleSet,
  profile: Profile | undefined,
  view: PageView,
): Candidates | undefined {
  const { settings } = ruleset;
  const { url, now, preview } = view;
  const affinities = profile
    ? decayAffinities(profile.affinities, profile.affinitiesAt, now, settings.affinityHalfLifeDays * DAY)
    : {};
  const subject: Subject | undefined = profile && {
    profile,
    affinities,
    established: isEstablished(profile, now, settings.established),
    request: view.request,
    now,
  };
  const slots =
    subject || preview
      ? selectRules(ruleset, url, subject, now, preview?.rule)
      : settings.privacy.withoutProfile === "contextual"
        ? contextualOnly(selectRules(ruleset, url, undefined, now))
        : [];
  if (!profile && slots.length === 0) return undefined;
  const strategies = new Set(slots.flatMap((slot) => slot.rules.flatMap((rule) => rule.strategies)));
  return {
    profile,
    affinities,
    holdout: !preview && profile !== undefined && inHoldout(settings.holdout, profile.id),
    slots,
    catalogKeys: catalogKeysFor(view.page, profile, affinities, strategies),
  };
}

/** For a shopper without a profile: only what the page itself suggests. */
function contextualOnly(slots: readonly SlotCandidates[]): SlotCandidates[] {
  return slots
    .map((slot) => ({
      ...slot,
      rules: slot.rules
        .filter((rule) => rule.strategies.includes("contextual"))
        .map((rule) => ({ ...rule, strategies: ["contextual" as const] })),
    }))
    .filter((slot) => slot.rules.length > 0);
}
