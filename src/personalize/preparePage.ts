/**
 * What a page view needs decided before the page's headers go out. The
 * groundwork (ruleset, keys) is laid while the origin is still answering; the
 * cookie is verified and re-signed only once the answer is known to be a page.
 */
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import type { Vars } from "../config/vars";
import { log } from "../log";
import { type PageContext, classifyPage } from "../page/classifyPage";
import { chooseLanguage } from "../page/chooseLanguage";
import { type KeyRingResult, isLoopbackHost, loadKeyRing } from "../profile/keyRing";
import { learnPageView } from "../profile/learnPageView";
import { type Profile, freshProfile } from "../profile/Profile";
import { COOKIE_NAME, profileCookie } from "../profile/profileCookie";
import { signProfile, verifyProfile } from "../profile/profileCodec";
import type { CompileOutcome, CompiledRule, CompiledRuleSet } from "../rules/compileRuleSet";
import { currentRuleSet } from "../rules/currentRuleSet";
import { rulesForPage } from "./rulesForPage";

export interface PagePlan {
  readonly ruleset: CompiledRuleSet;
  readonly page: PageContext;
  readonly rules: readonly CompiledRule[];
  readonly profile: Profile;
  readonly language: string;
  readonly setCookie: string;
}

type AppContext = Context<{ Bindings: Env }>;

/** What every page view needs first; cached in the isolate, so normally at hand at once. */
export interface Groundwork {
  readonly ruleset: CompileOutcome;
  readonly keys: KeyRingResult;
}

/** Starts loading the ruleset and keys; call it as the origin request starts. */
export async function layGroundwork(c: AppContext, vars: Vars): Promise<Groundwork> {
  const local = isLoopbackHost(new URL(c.req.url).hostname);
  const [ruleset, keys] = await Promise.all([
    currentRuleSet(c.env, c.executionCtx, vars),
    loadKeyRing(c.env.TACT_KEYS, local),
  ]);
  return { ruleset, keys };
}

let reportedKeyProblem: string | undefined;

/**
 * Decides what to do with an HTML page: the rules for it and the re-signed
 * cookie. Returns undefined when tact has nothing to do on this page, or cannot.
 */
export async function preparePage(c: AppContext, vars: Vars, groundwork: Groundwork): Promise<PagePlan | undefined> {
  const { ruleset: outcome, keys } = groundwork;
  if (!keys.ok) {
    // One clear line per isolate, not one per request.
    if (reportedKeyProblem !== keys.reason) {
      log.error("keys.refused", { reason: keys.reason, effect: "pages served untouched" });
    }
    reportedKeyProblem = keys.reason;
    return undefined;
  }
  if (!outcome.ok) return undefined;

  const url = new URL(c.req.url);
  const { ruleset } = outcome;
  const page = classifyPage(url, ruleset.pages);
  const rules = rulesForPage(ruleset, url);
  if (rules.length === 0 && page.kind === "other") return undefined;

  const now = Math.floor(Date.now() / 1000);
  const token = getCookie(c, COOKIE_NAME);
  const verified =
    token === undefined ? undefined : await verifyProfile(token, keys.ring, now, vars.cookieMaxAgeSeconds);
  if (verified && !verified.ok) log.info("cookie.rejected", { reason: verified.reason });
  const profile = learnPageView(verified?.ok ? verified.profile : freshProfile(now), page, now);
  const signed = await signProfile(profile, keys.ring, now, vars.cookieMaxAgeSeconds);
  return {
    ruleset,
    page,
    rules,
    profile,
    language: chooseLanguage(c.req.header("accept-language") ?? null, ruleset.settings.languages),
    setCookie: profileCookie(signed, url, vars.cookieMaxAgeSeconds, isLoopbackHost(url.hostname)),
  };
}
