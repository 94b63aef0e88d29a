/**
 * The first half of a page view, run while the origin is still answering:
 * read the cookie, work out which rules may fill which slot, and start the one
 * bulk catalog read those rules need.
 */
import { getCookie } from "hono/cookie";
import type { Vars } from "./vars";
import { inHoldout } from "../../core/decide/assign";
import { PREVIEW_COOKIE, type Preview, verifyPreview } from "../cookie/preview";
import type { CatalogView } from "../../core/catalog/CatalogView";
import { readCatalog } from "../kv/readCatalog";
import { describeError, log } from "../log";
import { type PageContext, classifyPage } from "../../core/decide/classifyPage";
import { chooseLanguage } from "./chooseLanguage";
import { requestFacts } from "./requestFacts";
import { decayAffinities } from "../../core/profile/affinities";
import type { KeyRing } from "../cookie/keyRing";
import type { Profile } from "../../core/profile/Profile";
import { readProfileState } from "../cookie/readProfileState";
import { isEstablished } from "../../core/profile/tenure";
import { catalogKeysFor } from "../../core/decide/catalogKeysFor";
import type { CompiledRuleSet } from "../../core/ruleset/compileRuleSet";
import type { Subject } from "../../core/decide/matchCondition";
import { type AppContext, type Groundwork, usable } from "./groundwork";
import { type SlotCandidates, selectRules } from "../../core/decide/selectRules";

export interface PageStart {
  readonly url: URL;
  readonly now: number;
  readonly ruleset: CompiledRuleSet;
  readonly ring: KeyRing;
  readonly page: PageContext;
  /** The profile before this page view; undefined when this browser has none. */
  readonly profile: Profile | undefined;
  /** When the cookie holding it was signed; undefined when there was none. */
  readonly issuedAt: number | undefined;
  readonly subject: Subject | undefined;
  readonly language: string;
  /** A preview this browser accepted: that rule and variant are forced. */
  readonly preview: Preview | undefined;
  /** In the program holdout: blocks are decided (and measured) but never shown. */
  readonly holdout: boolean;
  readonly slots: readonly SlotCandidates[];
  /** Resolves once the catalog read is done; undefined if it failed. */
  readonly catalog: Promise<CatalogView | undefined>;
  /** The catalog if it has already arrived. */
  readonly arrived: () => CatalogView | undefined;
}

const DAY = 86_400;

export async function startPage(
  c: AppContext,
  vars: Vars,
  groundwork: Promise<Groundwork>,
): Promise<PageStart | undefined> {
  const ready = usable(await groundwork);
  if (!ready) return undefined;
  const { ruleset, ring } = ready;
  const url = new URL(c.req.url);
  const page = classifyPage(url, ruleset.pages);
  if (page.kind === "other" && !ruleset.rules.some((rule) => rule.page.match(url))) return undefined;

  const now = Math.floor(Date.now() / 1000);
  const { settings } = ruleset;
  const state = await readProfileState(c, ring, now, vars.cookieMaxAgeSeconds, settings.privacy);
  const profile = state.kind === "profile" ? state.profile : undefined;
  // A cookie under the old name is written anew whatever changed (see profileCookie).
  const issuedAt = state.kind === "profile" && state.legacy !== true ? state.issuedAt : undefined;
  const language = chooseLanguage(c.req.header("accept-language") ?? null, settings.languages);
  const subject: Subject | undefined = profile && {
    profile,
    affinities: decayAffinities(profile.affinities, profile.affinitiesAt, now, settings.affinityHalfLifeDays * DAY),
    established: isEstablished(profile, now, settings.established),
    request: requestFacts(c.req.raw, url, language, new Date(now * 1000)),
    now,
  };
  const preview = await readPreview(c, now);
  const slots = subject
    ? selectRules(ruleset, url, subject, now, preview?.rule)
    : preview
      ? selectRules(ruleset, url, undefined, now, preview.rule)
      : settings.privacy.withoutProfile === "contextual"
        ? contextualOnly(selectRules(ruleset, url, undefined, now))
        : [];
  const holdout = !preview && profile !== undefined && inHoldout(settings.holdout, profile.id);
  // Without a profile there is nothing to learn either: leave the page alone.
  if (!profile && slots.length === 0) return undefined;

  const strategies = new Set(slots.flatMap((slot) => slot.rules.flatMap((rule) => rule.strategies)));
  const keys = catalogKeysFor(page, profile, subject?.affinities ?? {}, strategies);
  let arrived: CatalogView | undefined;
  const catalog = readCatalog(c.env.TACT_CATALOG, keys).then(
    (view) => (arrived = view),
    (error: unknown) => {
      log.error("catalog.kv-error", { error: describeError(error) });
      return undefined;
    },
  );
  return {
    url,
    now,
    ruleset,
    ring,
    page,
    profile,
    issuedAt,
    subject,
    language,
    preview,
    holdout,
    slots,
    catalog,
    arrived: () => arrived,
  };
}

async function readPreview(c: AppContext, now: number): Promise<Preview | undefined> {
  const token = getCookie(c, PREVIEW_COOKIE);
  if (token === undefined) return undefined;
  const check = await verifyPreview(token, c.env.TACT_PREVIEW_SECRET, now);
  return check.ok ? check.preview : undefined;
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
