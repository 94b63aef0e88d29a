/**
 * A page view at the edge, in two steps around the origin's answer. First,
 * while the origin is still answering: the ruleset and keys, the cookie, a
 * preview, the request's facts, which rules may fill which slot, and the one
 * bulk catalog read those rules need (openPageView). Then, once the answer is
 * known to be an HTML page: the core's plan for the view, the cookie signed
 * again if the profile changed, and the slots as the rewrite fills them
 * (planPageView).
 *
 * Learning, caps and click attribution need the catalog before the headers go
 * out. Its read started with the origin request, so it has normally arrived;
 * if not, the headers wait for it at most settings.learningWaitMs.
 */
import { getCookie } from "hono/cookie";
import type { CatalogView } from "../../core/catalog/CatalogView";
import { classifyPage } from "../../core/decide/classifyPage";
import { type PageTrace, explainPage } from "../../core/decide/explainPage";
import { type Candidates, DAY, mayConcern, pageCandidates } from "../../core/decide/pageCandidates";
import type { PageView, Preview } from "../../core/decide/PageView";
import { decideBlock } from "../../core/decide/decideBlock";
import { type PagePlan, planPage } from "../../core/decide/planPage";
import { type Profile, toClaims } from "../../core/profile/Profile";
import type { CompiledRuleSet } from "../../core/ruleset/compileRuleSet";
import type { PageRender, SlotRender } from "../../html/PageRender";
import type { KeyRing } from "../cookie/keyRing";
import { PREVIEW_COOKIE, verifyPreview } from "../cookie/preview";
import { signProfile } from "../cookie/profileCodec";
import { profileCookie } from "../cookie/profileCookie";
import { readProfileState } from "../cookie/readProfileState";
import { readCatalog } from "../kv/readCatalog";
import { describeError, log } from "../log";
import { chooseLanguage } from "./chooseLanguage";
import { type AppContext, type Groundwork, usable } from "./groundwork";
import { requestFacts } from "./requestFacts";
import type { Vars } from "./vars";
import { withDeadline } from "./withDeadline";

export interface OpenPageView {
  readonly view: PageView;
  readonly ruleset: CompiledRuleSet;
  readonly ring: KeyRing;
  readonly candidates: Candidates;
  /** When the browser's cookie was signed; undefined when it must be written anyway. */
  readonly issuedAt: number | undefined;
  /** Resolves once the catalog read is done; undefined if it failed. */
  readonly catalog: Promise<CatalogView | undefined>;
  /** The catalog if it has already arrived. */
  readonly arrived: () => CatalogView | undefined;
}

/** Undefined when the page concerns no rule and there is no profile to learn into. */
export async function openPageView(
  c: AppContext,
  vars: Vars,
  groundwork: Promise<Groundwork>,
): Promise<OpenPageView | undefined> {
  const ready = usable(await groundwork);
  if (!ready) return undefined;
  const { ruleset, ring } = ready;
  const url = new URL(c.req.url);
  const page = classifyPage(url, ruleset.pages);
  if (!mayConcern(ruleset, { page, url })) return undefined;

  const now = Math.floor(Date.now() / 1000);
  const { settings } = ruleset;
  const state = await readProfileState(c, ring, now, vars.cookieMaxAgeSeconds, settings.privacy);
  const profile = state.kind === "profile" ? state.profile : undefined;
  // A cookie under the old name is written anew whatever changed (see profileCookie).
  const issuedAt = state.kind === "profile" && state.legacy !== true ? state.issuedAt : undefined;
  const language = chooseLanguage(c.req.header("accept-language") ?? null, settings.languages);
  const request = requestFacts(c.req.raw, url, language, new Date(now * 1000), settings.timeZone);
  const view: PageView = { url, now, page, language, request, preview: await readPreview(c, now) };
  const candidates = pageCandidates(ruleset, profile, view);
  if (!candidates) return undefined;
  let arrived: CatalogView | undefined;
  const catalog = readCatalog(c.env.TACT_CATALOG, candidates.catalogKeys).then(
    (read) => (arrived = read),
    (error: unknown) => {
      log.error("catalog.kv-error", { error: describeError(error) });
      return undefined;
    },
  );
  return { view, ruleset, ring, candidates, issuedAt, catalog, arrived: () => arrived };
}

async function readPreview(c: AppContext, now: number): Promise<Preview | undefined> {
  const token = getCookie(c, PREVIEW_COOKIE);
  if (token === undefined) return undefined;
  const check = await verifyPreview(token, c.env.TACT_PREVIEW_SECRET, now);
  return check.ok ? check.preview : undefined;
}

export interface PlannedPageView {
  readonly render: PageRender;
  /** Events of the view itself (clicks, conversions); exposures come from the page. */
  readonly events: PagePlan["events"];
  /** The anonymous id events are attributed to (hashed before they leave). */
  readonly shopperId: string | undefined;
}

export async function planPageView(
  open: OpenPageView,
  cookieMaxAgeSeconds: number,
  local: boolean,
): Promise<PlannedPageView> {
  const { ruleset, view, candidates } = open;
  const catalog = open.arrived() ?? (await withDeadline(open.catalog, ruleset.settings.learningWaitMs));
  const plan = planPage(ruleset, candidates, view, catalog);
  const signed = plan.profile && (await resigned(open, plan.profile, cookieMaxAgeSeconds));
  const slots = plan.slots.map((slot): SlotRender => {
    const { selector, position, decided, late = [] } = slot;
    if (decided) return { selector, position, decided, block: async () => decided.block };
    const block = open.catalog.then((read) => read && decideBlock(late, ruleset, view, plan.shopper, read));
    return { selector, position, block: () => block };
  });
  const render: PageRender = {
    ruleset,
    slots,
    setCookie: signed && profileCookie(signed, view.url, cookieMaxAgeSeconds, local),
    language: { value: view.language },
    preview: view.preview,
    explain: view.preview?.explain ? () => explained(open, plan, slots) : undefined,
    exposure: {
      ruleset,
      counted: view.preview === undefined && !plan.sensitivePage,
      holdout: candidates.holdout,
      profiled: candidates.profile !== undefined,
    },
  };
  return { render, events: plan.events, shopperId: candidates.profile?.id };
}

/**
 * The preview's explanation, once the slots are decided: a slot still waiting
 * after its deadline is "late", as it is in the page.
 */
async function explained(open: OpenPageView, plan: PagePlan, slots: readonly SlotRender[]): Promise<PageTrace> {
  const ms = open.ruleset.settings.slotDeadlineMs;
  const catalog = open.arrived() ?? (await withDeadline(open.catalog, ms));
  const outcomes = await Promise.all(
    slots.map(async (slot) => {
      const settled = await withDeadline(
        slot.block().then((block) => ({ block })),
        ms,
      );
      return settled ? settled.block : "late";
    }),
  );
  return explainPage(open.ruleset, open.candidates, open.view, { shopper: plan.shopper, catalog, outcomes });
}

/**
 * The cookie to send, signed anew, or undefined when the browser's own is
 * still right: the profile did not change on this view and the cookie was
 * signed less than a day ago (its expiry is pushed back once a day at most).
 */
async function resigned(open: OpenPageView, profile: Profile, maxAgeSeconds: number): Promise<string | undefined> {
  const { issuedAt, candidates } = open;
  const { now } = open.view;
  const unchanged =
    issuedAt !== undefined &&
    now - issuedAt < DAY &&
    candidates.profile !== undefined &&
    JSON.stringify(toClaims(profile)) === JSON.stringify(toClaims(candidates.profile));
  return unchanged ? undefined : signProfile(profile, open.ring, now, maxAgeSeconds);
}
