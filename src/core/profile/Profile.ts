/**
 * The anonymous profile and its wire form inside the cookie. The wire form uses
 * short claim names because every byte travels on every request; this file is
 * the one place that knows both spellings. Inferred knowledge (affinities,
 * views, orders) and what the shopper stated (preferences) are kept apart.
 */
import * as v from "valibot";
import { CategorySlugSchema, ProductIdSchema } from "../catalog/ids";
import { type Birthday, isBirthday } from "./birthday";

/** Most recently viewed product ids kept, newest first. */
export const MAX_RECENT_ITEMS = 8;
/** Categories whose affinity is kept (the strongest ones). */
export const MAX_AFFINITIES = 8;
/** Items counted for the "usual" strategy (the most revisited ones). */
export const MAX_USUAL_ITEMS = 6;
/** Stated favourite or avoided categories kept, each. */
export const MAX_STATED = 12;
/** Rules whose impressions are counted at once. */
export const MAX_CAPS = 8;
/** Blocks remembered from the last page that showed any, for click-through attribution. */
export const MAX_SHOWN_BLOCKS = 3;
/** A new visit starts after this long without a page view. */
export const VISIT_GAP_SECONDS = 30 * 60;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const EpochSeconds = v.pipe(v.number(), v.integer(), v.minValue(0));
const Score = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1_000));

/** What the cookie's payload must hold once its signature has been checked. */
export const ProfileClaimsSchema = v.object({
  v: v.literal(1),
  /** Anonymous random id (128 bits), used only for sticky bucketing. */
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/)),
  /** Visits so far. */
  vis: Count,
  /** First seen, epoch seconds. */
  fs: EpochSeconds,
  /** Last page view, epoch seconds. */
  ls: EpochSeconds,
  /** Recently viewed product ids, newest first. */
  rv: v.optional(v.pipe(v.array(ProductIdSchema), v.maxLength(MAX_RECENT_ITEMS)), []),
  /** Category affinities as of `at`: slug → score. */
  af: v.optional(
    v.pipe(
      v.record(CategorySlugSchema, Score),
      v.check((record) => Object.keys(record).length <= MAX_AFFINITIES),
    ),
    {},
  ),
  /** When the affinities were last decayed, epoch seconds. */
  at: v.optional(EpochSeconds, 0),
  /** Revisited items: product id → [visits in which it was viewed, last such visit]. */
  us: v.optional(
    v.pipe(
      v.record(ProductIdSchema, v.tuple([Count, Count])),
      v.check((record) => Object.keys(record).length <= MAX_USUAL_ITEMS),
    ),
    {},
  ),
  /** Completed orders, and when the last one was seen. */
  or: v.optional(v.tuple([Count, EpochSeconds]), [0, 0]),
  /** Stated favourite categories. */
  pf: v.optional(v.pipe(v.array(CategorySlugSchema), v.maxLength(MAX_STATED)), []),
  /** Stated categories to avoid. */
  pa: v.optional(v.pipe(v.array(CategorySlugSchema), v.maxLength(MAX_STATED)), []),
  /** Stated birthday, [day, month], no year; absent in cookies written before it could be stated. */
  bd: v.optional(
    v.pipe(
      v.tuple([v.number(), v.number()]),
      v.check(([day, month]) => isBirthday(day, month)),
    ),
  ),
  /** Frequency caps: rule id → [impressions, window start]. */
  fc: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(64)), v.tuple([Count, EpochSeconds])),
      v.check((record) => Object.keys(record).length <= MAX_CAPS),
    ),
    {},
  ),
  /** Blocks last shown: [rule, experiment key or "", variant or "", item ids]. */
  sh: v.optional(
    v.pipe(
      v.array(
        v.tuple([
          v.pipe(v.string(), v.maxLength(64)),
          v.pipe(v.string(), v.maxLength(64)),
          v.pipe(v.string(), v.maxLength(64)),
          v.pipe(v.array(ProductIdSchema), v.maxLength(12)),
        ]),
      ),
      v.maxLength(MAX_SHOWN_BLOCKS),
    ),
    [],
  ),
});
export type ProfileClaims = v.InferOutput<typeof ProfileClaimsSchema>;
/** The payload as written: empty fields are left out. */
export type WireClaims = v.InferInput<typeof ProfileClaimsSchema>;

export interface Profile {
  readonly id: string;
  readonly visits: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Inferred from browsing. */
  readonly recent: readonly string[];
  readonly affinities: Readonly<Record<string, number>>;
  readonly affinitiesAt: number;
  readonly usual: Readonly<Record<string, readonly [visits: number, lastVisit: number]>>;
  readonly orders: number;
  readonly lastOrderAt: number;
  /** Stated by the shopper; always outranks what was inferred. */
  readonly favourites: readonly string[];
  readonly avoided: readonly string[];
  /** Day and month only, when the shopper gave it; used only for established customers. */
  readonly birthday: Birthday | undefined;
  /** Impressions per capped rule, with the start of the current window. */
  readonly caps: Readonly<Record<string, readonly [count: number, windowStart: number]>>;
  /** What the last page with blocks showed, so the next view can be attributed. */
  readonly shown: readonly ShownBlock[];
}

export interface ShownBlock {
  readonly rule: string;
  /** Experiment key and variant id, or "" when the rule was not under test. */
  readonly experiment: string;
  readonly variant: string;
  readonly items: readonly string[];
}

export function fromClaims(claims: ProfileClaims): Profile {
  return {
    id: claims.id,
    visits: claims.vis,
    firstSeen: claims.fs,
    lastSeen: claims.ls,
    recent: claims.rv,
    affinities: claims.af,
    affinitiesAt: claims.at,
    usual: claims.us,
    orders: claims.or[0],
    lastOrderAt: claims.or[1],
    favourites: claims.pf,
    avoided: claims.pa,
    birthday: claims.bd && { day: claims.bd[0], month: claims.bd[1] },
    caps: claims.fc,
    shown: claims.sh.map(([rule, experiment, variant, items]) => ({ rule, experiment, variant, items })),
  };
}

export function toClaims(profile: Profile): WireClaims {
  const claims: WireClaims = { v: 1, id: profile.id, vis: profile.visits, fs: profile.firstSeen, ls: profile.lastSeen };
  // Empty fields are left out: every byte goes out with every request.
  if (profile.recent.length > 0) claims.rv = [...profile.recent];
  if (Object.keys(profile.affinities).length > 0) {
    claims.af = { ...profile.affinities };
    claims.at = profile.affinitiesAt;
  }
  if (Object.keys(profile.usual).length > 0) {
    claims.us = Object.fromEntries(Object.entries(profile.usual).map(([id, [n, last]]) => [id, [n, last]]));
  }
  if (profile.orders > 0) claims.or = [profile.orders, profile.lastOrderAt];
  if (profile.favourites.length > 0) claims.pf = [...profile.favourites];
  if (profile.avoided.length > 0) claims.pa = [...profile.avoided];
  if (profile.birthday) claims.bd = [profile.birthday.day, profile.birthday.month];
  if (Object.keys(profile.caps).length > 0) {
    claims.fc = Object.fromEntries(Object.entries(profile.caps).map(([rule, [n, start]]) => [rule, [n, start]]));
  }
  if (profile.shown.length > 0) {
    claims.sh = profile.shown.map((block) => [block.rule, block.experiment, block.variant, [...block.items]]);
  }
  return claims;
}

/** A profile nobody has seen before: its new random id (made at the edge) and nothing else. */
export function freshProfile(now: number, id: string): Profile {
  return {
    id,
    visits: 0,
    firstSeen: now,
    lastSeen: 0,
    recent: [],
    affinities: {},
    affinitiesAt: now,
    usual: {},
    orders: 0,
    lastOrderAt: 0,
    favourites: [],
    avoided: [],
    birthday: undefined,
    caps: {},
    shown: [],
  };
}
