/**
 * What tact's own pages need about the browser asking: the ruleset, the key
 * ring, the profile state (or why there is none), the shop's categories, and
 * the language to speak.
 */
import * as v from "valibot";
import { CATEGORIES_KEY, type CategoryList, CategoryListSchema } from "../../../core/catalog/Catalog";
import { type Vars, readVars } from "../../http/vars";
import { describeError, log } from "../../log";
import { chooseLanguage } from "../../http/chooseLanguage";
import { type AppContext, layGroundwork, usable } from "../../http/groundwork";
import { type KeyRing, isLoopbackHost } from "../../cookie/keyRing";
import { type Profile } from "../../../core/profile/Profile";
import { legacyCookieExpiry, profileCookie } from "../../cookie/profileCookie";
import { signProfile } from "../../cookie/profileCodec";
import { type ProfileState, readProfileState } from "../../cookie/readProfileState";
import type { CompiledRuleSet } from "../../../core/ruleset/compileRuleSet";
import { type Language, languageOf } from "./copy";

export interface Session {
  readonly vars: Vars;
  readonly ruleset: CompiledRuleSet;
  readonly ring: KeyRing;
  readonly state: ProfileState;
  readonly now: number;
  readonly language: Language;
  /** Categories a shopper may state a preference for (no sensitive ones). */
  readonly categories: CategoryList["categories"];
}

export async function loadSession(c: AppContext): Promise<Session | undefined> {
  const vars = readVars(c.env);
  const ready = usable(await layGroundwork(c, vars));
  if (!ready) return undefined;
  const { ruleset, ring } = ready;
  const now = Math.floor(Date.now() / 1000);
  const [state, categories] = await Promise.all([
    readProfileState(c, ring, now, vars.cookieMaxAgeSeconds, ruleset.settings.privacy),
    readCategories(c.env.TACT_CATALOG, ruleset.sensitive),
  ]);
  const language = languageOf(chooseLanguage(c.req.header("accept-language") ?? null, ruleset.settings.languages));
  return { vars, ruleset, ring, state, now, language, categories };
}

async function readCategories(kv: KVNamespace, sensitive: ReadonlySet<string>): Promise<CategoryList["categories"]> {
  try {
    const raw = await kv.get(CATEGORIES_KEY, { type: "json", cacheTtl: 60 });
    const parsed = v.safeParse(CategoryListSchema, raw);
    if (!parsed.success) return [];
    return parsed.output.categories.filter((category) => !category.sensitive && !sensitive.has(category.slug));
  } catch (error) {
    log.error("catalog.kv-error", { key: CATEGORIES_KEY, error: describeError(error) });
    return [];
  }
}

/** Stores `profile` for this browser: its Set-Cookie, and one expiring the old cookie name if it is there. */
export async function storeProfile(c: AppContext, session: Session, profile: Profile): Promise<void> {
  const url = new URL(c.req.url);
  const local = isLoopbackHost(url.hostname);
  const { cookieMaxAgeSeconds } = session.vars;
  const token = await signProfile(profile, session.ring, session.now, cookieMaxAgeSeconds);
  c.header("set-cookie", profileCookie(token, url, cookieMaxAgeSeconds, local), { append: true });
  const expiry = legacyCookieExpiry(c, url, local);
  if (expiry) c.header("set-cookie", expiry, { append: true });
}
