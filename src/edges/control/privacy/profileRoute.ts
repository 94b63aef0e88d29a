/**
 * /__tact/profile: everything the cookie holds, in plain words (HTML) or as
 * JSON (Accept: application/json). Nothing else about the shopper exists
 * server-side, and the page says so.
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { itemKey } from "../../../core/catalog/Catalog";
import { readCatalog } from "../../kv/readCatalog";
import { describeError, log } from "../../log";
import { decayAffinities, strongest } from "../../../core/profile/affinities";
import type { Profile } from "../../../core/profile/Profile";
import { isLoopbackHost } from "../../cookie/keyRing";
import { profileCookieName } from "../../cookie/profileCookie";
import { words } from "./copy";
import { pageShell } from "./pageShell";
import { refuse, wantsJson } from "./respond";
import { type Session, loadSession } from "./session";

export const profileRoute = new Hono<{ Bindings: Env }>();

const DAY = 86_400;

/** The profile in readable names, affinities decayed to now. */
function describe(profile: Profile, session: Session) {
  const halfLife = session.ruleset.settings.affinityHalfLifeDays * DAY;
  return {
    anonymousId: profile.id,
    visits: profile.visits,
    firstSeen: new Date(profile.firstSeen * 1000).toISOString(),
    lastSeen: profile.lastSeen ? new Date(profile.lastSeen * 1000).toISOString() : null,
    recentlyViewed: profile.recent,
    categoryAffinities: Object.fromEntries(
      strongest(decayAffinities(profile.affinities, profile.affinitiesAt, session.now, halfLife), 8),
    ),
    revisited: Object.fromEntries(Object.entries(profile.usual).map(([id, [visits]]) => [id, visits])),
    ordersCompleted: profile.orders,
    favouriteCategories: profile.favourites,
    avoidedCategories: profile.avoided,
    frequencyCaps: Object.fromEntries(Object.entries(profile.caps).map(([rule, [shown]]) => [rule, shown])),
  };
}

profileRoute.get("/", async (c) => {
  const session = await loadSession(c);
  if (!session) return refuse(c, 409, words("en").unavailable);
  const w = words(session.language);
  const profile =
    session.state.kind === "profile" && session.state.issuedAt !== undefined ? session.state.profile : undefined;
  const url = new URL(c.req.url);
  const cookie = profileCookieName(url, isLoopbackHost(url.hostname));
  const where = `All of it is in the cookie named ${cookie} in this browser; nothing else about you is stored server-side.`;
  if (wantsJson(c)) {
    return c.json({
      profile: profile ? describe(profile, session) : null,
      ...(session.state.kind === "none" ? { noProfileBecause: session.state.reason } : {}),
      storedWhere: where,
    });
  }
  if (!profile) {
    const forgotten = session.state.kind === "none" && session.state.reason === "opted-out";
    return c.html(
      pageShell(
        session.language,
        w.profileTitle,
        html`<p>${forgotten ? w.forgottenProfile : w.nothingYet}</p>
          <p class="note">${w.neverStored}</p>`,
      ),
    );
  }
  return c.html(await profilePage(c, session, profile));
});

/** Product titles from the catalog, so the page can name what was viewed. */
async function productTitles(kv: KVNamespace, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  try {
    const catalog = await readCatalog(kv, unique.map(itemKey));
    return new Map(
      unique.flatMap((id) => {
        const title = catalog.item(itemKey(id))?.item.title;
        return title ? [[id, title] as const] : [];
      }),
    );
  } catch (error) {
    log.error("catalog.kv-error", { error: describeError(error) });
    return new Map();
  }
}

/** The profile in plain words: names for ids, dates in the shopper's time zone, numbers as their language writes them. */
async function profilePage(
  c: Context<{ Bindings: Env }>,
  session: Session,
  profile: Profile,
): Promise<ReturnType<typeof pageShell>> {
  const w = words(session.language);
  const described = describe(profile, session);
  const titles = await productTitles(c.env.TACT_CATALOG, [...profile.recent, ...Object.keys(profile.usual)]);
  const names = new Map(session.categories.map(({ slug, name }) => [slug, name[session.language] ?? slug]));
  const category = (slug: string) => names.get(slug) ?? slug;
  const product = (id: string) => titles.get(id) ?? id;
  const list = (items: string[], none = w.none) => (items.length > 0 ? items.join(", ") : none);
  const categories = (items: string[]) => list(items, w.noneFeminine);
  const timeZone = (c.req.raw as { cf?: { timezone?: unknown } }).cf?.timezone;
  const format = new Intl.DateTimeFormat(session.language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: typeof timeZone === "string" ? timeZone : "UTC",
  });
  const date = (iso: string | null) => (iso ? format.format(new Date(iso)) : w.noneFeminine);
  const number = new Intl.NumberFormat(session.language, { maximumFractionDigits: 1 });
  return pageShell(
    session.language,
    w.profileTitle,
    html`<p>${w.profileIntro}</p>
      <dl>
        <dt>${w.id}</dt>
        <dd><code>${described.anonymousId}</code></dd>
        <dt>${w.visits}</dt>
        <dd>${described.visits}</dd>
        <dt>${w.firstSeen}</dt>
        <dd>${date(described.firstSeen)}</dd>
        <dt>${w.lastSeen}</dt>
        <dd>${date(described.lastSeen)}</dd>
        <dt>${w.recent}</dt>
        <dd>${list(profile.recent.map(product))}</dd>
        <dt>${w.affinities}</dt>
        <dd>
          ${categories(
            Object.entries(described.categoryAffinities).map(
              ([slug, score]) => `${category(slug)} (${number.format(score)})`,
            ),
          )}
        </dd>
        <dt>${w.usual}</dt>
        <dd>${list(Object.entries(described.revisited).map(([id, visits]) => `${product(id)} (${visits})`))}</dd>
        <dt>${w.orders}</dt>
        <dd>${described.ordersCompleted}</dd>
        <dt>${w.favourites}</dt>
        <dd>${categories(profile.favourites.map(category))}</dd>
        <dt>${w.avoided}</dt>
        <dd>${categories(profile.avoided.map(category))}</dd>
        <dt>${w.caps}</dt>
        <dd>${list(Object.entries(described.frequencyCaps).map(([rule, shown]) => `${rule} (${shown})`))}</dd>
      </dl>
      <p class="note">${w.neverStored}</p>`,
  );
}
