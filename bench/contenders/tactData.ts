/**
 * What tact needs to run in the bench: its signing key, the rulesets and
 * catalog to seed into KV, and the cookie of a shopper with a rich history.
 * Everything is built with tact's own code (catalog builder, profile codec,
 * key ring), so the bench exercises exactly what ships.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { ProductSourceSchema, buildCatalogEntries } from "../../tools/catalog/buildCatalogEntries";
import { loadKeyRing } from "../../src/edges/cookie/keyRing";
import { type Profile, freshProfile } from "../../src/core/profile/Profile";
import { signProfile } from "../../src/edges/cookie/profileCodec";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";
import type { RunningWorker } from "./startWorker";

const root = new URL("../../", import.meta.url);
const DAY = 86_400;

/** tact's default COOKIE_MAX_AGE_DAYS, for the cookie the bench signs. */
export const COOKIE_MAX_AGE_SECONDS = 180 * DAY;

/** What a desktop Chrome sends for a page, on every bench request (with TactData.cookie). */
export const REQUEST_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-language": "it-IT,it;q=0.9,en;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "sec-fetch-dest": "document",
};

export interface TactData {
  /** TACT_KEYS: one fresh key, not the public development key. */
  readonly keys: string;
  /** The demo ruleset as is: its rules fill the home, product and category slots. */
  readonly ruleset: string;
  /** The same ruleset with every rule moved to paths the bench never requests. */
  readonly rulesetNoMatch: string;
  readonly catalog: readonly { key: string; value: string }[];
  /** Cookie header value: tact's profile cookie and GrowthBook's id cookie. */
  readonly cookie: string;
}

/**
 * A shopper of two months: a dozen visits, two orders, eight recent views,
 * affinities in six categories, stated favourites, a frequency cap running.
 * Established, so every kind of rule in the demo ruleset applies.
 */
function richProfile(now: number): Profile {
  return {
    ...freshProfile(now, "QmVuY2hTaG9wcGVyMDAwMQ"),
    visits: 12,
    firstSeen: now - 60 * DAY,
    lastSeen: now - 2 * 3600,
    recent: ["p07", "p09", "p02", "p25", "p13", "p11", "p30", "p19"],
    affinities: { "coffee-tea": 3.2, kitchen: 2.1, garden: 1.4, home: 0.9, beauty: 0.6, stationery: 0.4 },
    affinitiesAt: now - 2 * 3600,
    usual: { p07: [4, 12], p09: [3, 11], p11: [2, 9], p25: [2, 8] },
    orders: 2,
    lastOrderAt: now - 10 * DAY,
    favourites: ["coffee-tea", "garden"],
    avoided: ["stationery"],
    caps: { "order-next": [1, now - 3600] },
  };
}

export async function tactData(cookieMaxAgeSeconds: number): Promise<TactData> {
  const keys = `bench:${randomBytes(32).toString("base64url")}`;
  const ring = await loadKeyRing(keys, false);
  if (!ring.ok) throw new Error(`the bench key was refused: ${ring.reason}`);

  const ruleset = await readFile(new URL("kv-seed/ruleset.json", root), "utf8");
  const document = JSON.parse(ruleset) as { rules: { page: string }[] };
  const rulesetNoMatch = JSON.stringify({
    ...document,
    rules: document.rules.map((rule) => ({ ...rule, page: `/not-benched${rule.page === "/" ? "" : rule.page}` })),
  });

  const products = v.parse(
    ProductSourceSchema,
    JSON.parse(await readFile(new URL("kv-seed/products.json", root), "utf8")),
  );
  const now = Math.floor(Date.now() / 1000);
  const token = await signProfile(richProfile(now), ring.ring, now, cookieMaxAgeSeconds);
  return {
    keys,
    ruleset,
    rulesetNoMatch,
    catalog: buildCatalogEntries(products),
    cookie: `tact=${token}; gbuuid=${randomUUID()}`,
  };
}

/** Puts a ruleset and the bench catalog into a running tact's local KV. */
export async function seedTact(worker: RunningWorker, data: TactData, ruleset: string): Promise<void> {
  await (await worker.miniflare.getKVNamespace("TACT_RULES")).put(RULESET_KEY, ruleset);
  const catalog = await worker.miniflare.getKVNamespace("TACT_CATALOG");
  for (const { key, value } of data.catalog) await catalog.put(key, value);
}
