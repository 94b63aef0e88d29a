/**
 * Everything a page view needs decided before the origin's headers go out:
 * the ruleset, the rules for this page, and the re-signed profile cookie. It
 * runs while the origin is still answering.
 */
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import type { Vars } from "../config/vars";
import { log } from "../log";
import { type PageContext, classifyPage } from "../page/classifyPage";
import { chooseLanguage } from "../page/chooseLanguage";
import { isLoopbackHost, loadKeyRing } from "../profile/keyRing";
import { learnPageView } from "../profile/learnPageView";
import { type Profile, freshProfile } from "../profile/Profile";
import { COOKIE_NAME, profileCookie } from "../profile/profileCookie";
import { signProfile, verifyProfile } from "../profile/profileCodec";
import type { CompiledRule, CompiledRuleSet } from "../rules/compileRuleSet";
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

let reportedKeyProblem: string | undefined;

/** Returns undefined when tact has nothing to do on this page, or cannot. */
export async function preparePage(c: AppContext, vars: Vars): Promise<PagePlan | undefined> {
  const url = new URL(c.req.url);
  const local = isLoopbackHost(url.hostname);
  const [outcome, keys] = await Promise.all([
    currentRuleSet(c.env, c.executionCtx, vars),
    loadKeyRing(c.env.TACT_KEYS, local),
  ]);
  if (!keys.ok) {
    // One clear line per isolate, not one per request.
    if (reportedKeyProblem !== keys.reason)
      log.error("keys.refused", { reason: keys.reason, effect: "pages served untouched" });
    reportedKeyProblem = keys.reason;
    return undefined;
  }
  if (!outcome.ok) return undefined;

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
    setCookie: profileCookie(signed, url, vars.cookieMaxAgeSeconds, local),
  };
}
