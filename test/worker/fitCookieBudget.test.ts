import { describe, expect, it } from "vitest";
import type { PageContext } from "../../src/core/decide/classifyPage";
import { type Cap, countImpression } from "../../src/core/profile/caps";
import { MAX_PAYLOAD_BYTES, fitCookieBudget } from "../../src/core/profile/fitCookieBudget";
import { type KeyRing, loadKeyRing } from "../../src/edges/cookie/keyRing";
import { type PageFacts, learnPageView } from "../../src/core/profile/learnPageView";
import { type Profile, freshProfile, toClaims } from "../../src/core/profile/Profile";
import { signProfile, verifyProfile } from "../../src/edges/cookie/profileCodec";
import { COOKIE_NAME } from "../../src/edges/cookie/profileCookie";
import { mulberry32 } from "../../src/core/decide/seededRandom";
import { DAY, MINUTE, T0, profile } from "../support/builders";

const KEYS = "k1:dW5pdC10ZXN0LWtleS1mb3ItY29va2llLWJ1ZGdldCE";
const MAX_AGE = 180 * DAY;
const COOKIE_LIMIT = 1200;

const payloadBytes = (p: Profile): number => new TextEncoder().encode(JSON.stringify(toClaims(p))).byteLength;
const cookieBytes = (token: string): number => new TextEncoder().encode(`${COOKIE_NAME}=${token}`).byteLength;

async function ring(): Promise<KeyRing> {
  const loaded = await loadKeyRing(KEYS, false);
  if (!loaded.ok) throw new Error(`test key refused: ${loaded.reason}`);
  return loaded.ring;
}

/** A profile read back from a cookie leaves out `affinitiesAt` when there are no affinities. */
function asRead(p: Profile): Profile {
  return Object.keys(p.affinities).length > 0 ? p : { ...p, affinitiesAt: 0 };
}

describe("fitCookieBudget: what is trimmed, in which order", () => {
  const id = (n: number) => `product-${n}-${"x".repeat(30)}`;
  const full = profile({
    visits: 12,
    lastSeen: T0,
    recent: Array.from({ length: 8 }, (_, i) => id(i)),
    usual: {
      [id(20)]: [6, 9],
      [id(21)]: [5, 9],
      [id(22)]: [4, 8],
      [id(23)]: [3, 7],
      [id(24)]: [2, 6],
      [id(25)]: [1, 5],
    },
    affinities: { a: 8, b: 7, c: 6, d: 5, e: 4, f: 3, g: 2, h: 1 },
    favourites: ["tea", "coffee"],
    avoided: ["toys"],
    caps: { "spring-sale": [2, T0] },
    orders: 1,
    lastOrderAt: T0 - DAY,
  });
  const stated = { favourites: full.favourites, avoided: full.avoided, caps: full.caps };
  const top = (record: Profile["usual"], n: number) => Object.fromEntries(Object.entries(record).slice(0, n));

  it.each<[string, Profile]>([
    ["the oldest views first", { ...full, recent: full.recent.slice(0, 5) }],
    ["views down to the newest one", { ...full, recent: full.recent.slice(0, 1) }],
    ["then the least revisited items", { ...full, recent: full.recent.slice(0, 1), usual: top(full.usual, 3) }],
    ["then every revisited item", { ...full, recent: full.recent.slice(0, 1), usual: {} }],
    [
      "then the weakest affinities",
      { ...full, recent: full.recent.slice(0, 1), usual: {}, affinities: { a: 8, b: 7, c: 6 } },
    ],
    ["then every affinity", { ...full, recent: full.recent.slice(0, 1), usual: {}, affinities: {} }],
    ["and last the newest view", { ...full, recent: [], usual: {}, affinities: {} }],
  ])("trims %s until the payload fits", (_name, expected) => {
    const budget = payloadBytes(expected);
    const fitted = fitCookieBudget(full, budget);
    expect(fitted).toEqual(expected);
    expect(payloadBytes(fitted)).toBeLessThanOrEqual(budget);
  });

  it("leaves a profile that fits as it is", () => {
    expect(fitCookieBudget(full, payloadBytes(full))).toBe(full);
    expect(payloadBytes(full)).toBeGreaterThan(MAX_PAYLOAD_BYTES);
  });

  it("never trims what the shopper stated, nor the caps, even when it cannot fit", () => {
    const fitted = fitCookieBudget(full, 10);
    expect(fitted).toEqual({ ...full, recent: [], usual: {}, affinities: {} });
    expect(fitted).toMatchObject(stated);
  });

  it(`uses a default budget of ${MAX_PAYLOAD_BYTES} bytes`, () => {
    const fitted = fitCookieBudget(full);
    expect(payloadBytes(fitted)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(fitted.recent.length).toBeGreaterThan(0);
  });
});

interface Scenario {
  readonly pages: number;
  readonly seed: number;
  readonly productIdLength: (random: () => number) => number;
  readonly categories: readonly string[];
  readonly favourites: readonly string[];
  readonly avoided: readonly string[];
  readonly cappedRules: readonly string[];
  /** What is left of the inferred history at the end (long caps crowd it out). */
  readonly keeps: readonly ("recent" | "affinities" | "usual")[];
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function catalogOf(scenario: Scenario, random: () => number): { id: string; category: string; sensitive: boolean }[] {
  return Array.from({ length: 80 }, (_, n) => {
    const length = scenario.productIdLength(random);
    const id = Array.from({ length }, () => pick(random, ID_CHARS.split(""))).join("");
    return {
      id: `${n}${id}`.slice(0, length),
      category: pick(random, scenario.categories),
      sensitive: random() < 0.05,
    };
  });
}

const long = (prefix: string) => `${prefix}-${"abcdefghij".repeat(7)}`.slice(0, 64);

const scenarios: [string, Scenario][] = [
  [
    "mixed browsing, ids of 1 to 64 characters",
    {
      pages: 400,
      seed: 1,
      productIdLength: (random) => 1 + Math.floor(random() * 64),
      categories: [
        "tea",
        "coffee",
        "kitchen-tools",
        "garden",
        long("outdoor"),
        "books",
        "health",
        "toys",
        long("home"),
      ],
      favourites: ["tea", "books", "garden"],
      avoided: ["toys", "outdoor-furniture"],
      cappedRules: ["spring-sale", "homepage-hero-newsletter", "cart-upsell", "welcome-offer", "free-shipping-banner"],
      keeps: ["recent", "affinities", "usual"],
    },
  ],
  [
    "every id and category at its longest",
    {
      pages: 300,
      seed: 2,
      productIdLength: () => 64,
      categories: Array.from({ length: 14 }, (_, i) => long(`category-${i}`)),
      favourites: [long("fav-a"), "tea"],
      avoided: [long("avoid-a")],
      cappedRules: Array.from({ length: 6 }, (_, i) => `capped-rule-number-${i}-with-a-long-name`),
      keeps: ["recent"],
    },
  ],
  [
    "eight capped rules with 64-character ids",
    {
      pages: 300,
      seed: 3,
      productIdLength: (random) => 32 + Math.floor(random() * 33),
      categories: ["tea", "coffee", "garden", long("kitchen")],
      favourites: [],
      avoided: [],
      cappedRules: Array.from({ length: 12 }, (_, i) => long(`rule-${i}`)),
      // Eight such caps alone are over the payload budget: nothing inferred survives.
      keeps: [],
    },
  ],
];

describe("a long browsing history always fits in the cookie", () => {
  it.each(scenarios)("%s", async (_name, scenario) => {
    const keys = await ring();
    const random = mulberry32(scenario.seed);
    const catalog = catalogOf(scenario, random);
    const settings = { halfLifeSeconds: 30 * DAY };
    const cap: Cap = { impressions: 3, windowSeconds: DAY };

    let now = T0;
    let shopper: Profile = {
      ...freshProfile(now, "AAAAAAAAAAAAAAAAAAAAAA"),
      favourites: scenario.favourites,
      avoided: scenario.avoided,
    };
    let trimmed = 0;
    let largestToken = 0;
    for (let step = 0; step < scenario.pages; step++) {
      now += pick(random, [MINUTE, 5 * MINUTE, 20 * MINUTE, 2 * 3600, DAY, 3 * DAY]);
      const roll = random();
      let page: PageContext;
      let facts: PageFacts | undefined;
      if (roll < 0.65) {
        const item = pick(random, catalog);
        page = { kind: "product", productId: item.id };
        // As pageFacts says: a sensitive card, or a card of a sensitive category.
        facts = { category: item.category, sensitive: item.sensitive || item.category === "health" };
      } else if (roll < 0.85) {
        const slug = pick(random, scenario.categories);
        page = { kind: "category", slug };
        facts = { category: slug, sensitive: slug === "health" };
      } else if (roll < 0.92) {
        page = { kind: "conversion" };
      } else {
        page = { kind: "other" };
      }
      let learned = learnPageView(shopper, page, random() < 0.1 ? undefined : facts, now, settings);
      for (const rule of scenario.cappedRules) {
        if (random() < 0.3) learned = countImpression(learned, rule, cap, now);
      }

      if (payloadBytes(learned) > MAX_PAYLOAD_BYTES) trimmed++;
      const fitted = fitCookieBudget(learned);
      // Stated preferences and caps are never trimmed: the budget holds whenever they fit in it.
      const untrimmable = payloadBytes({ ...learned, recent: [], usual: {}, affinities: {} });
      expect(payloadBytes(fitted)).toBeLessThanOrEqual(Math.max(MAX_PAYLOAD_BYTES, untrimmable));
      expect(fitted.favourites).toEqual(scenario.favourites);
      expect(fitted.avoided).toEqual(scenario.avoided);
      expect(fitted.caps).toEqual(learned.caps);
      expect(fitted.affinities["health"]).toBeUndefined();

      const token = await signProfile(fitted, keys, now, MAX_AGE);
      largestToken = Math.max(largestToken, cookieBytes(token));
      expect(cookieBytes(token), `step ${step}`).toBeLessThan(COOKIE_LIMIT);

      const verified = await verifyProfile(token, keys, now, MAX_AGE);
      expect(verified, `step ${step}`).toEqual({ ok: true, profile: asRead(fitted), issuedAt: expect.any(Number) });
      if (verified.ok) shopper = verified.profile;
    }

    // The history was long enough for the budget to matter, and a lot was learned.
    expect(trimmed).toBeGreaterThan(scenario.pages / 4);
    expect(largestToken).toBeGreaterThan(COOKIE_LIMIT / 2);
    expect(shopper.visits).toBeGreaterThan(50);
    expect(shopper.orders).toBeGreaterThan(0);
    expect(Object.keys(shopper.caps).length).toBeGreaterThan(0);
    const left = {
      recent: shopper.recent.length,
      affinities: Object.keys(shopper.affinities).length,
      usual: Object.keys(shopper.usual).length,
    };
    for (const field of scenario.keeps) expect(left[field], field).toBeGreaterThan(0);
  });
});
