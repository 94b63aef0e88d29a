/**
 * The anonymous profile and its wire form inside the cookie. The wire form uses
 * short claim names because every byte travels on every request; this file is
 * the one place that knows both spellings.
 */
import { base64url } from "jose";
import * as v from "valibot";

/** Most recently viewed product ids kept, newest first. */
export const MAX_RECENT_ITEMS = 12;
/** A new visit starts after this long without a page view. */
export const VISIT_GAP_SECONDS = 30 * 60;

export const ProductIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits or _.:-"),
);

const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const EpochSeconds = v.pipe(v.number(), v.integer(), v.minValue(0));

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
  rv: v.pipe(v.array(ProductIdSchema), v.maxLength(MAX_RECENT_ITEMS)),
});
export type ProfileClaims = v.InferOutput<typeof ProfileClaimsSchema>;

export interface Profile {
  readonly id: string;
  readonly visits: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly recent: readonly string[];
}

export function fromClaims(claims: ProfileClaims): Profile {
  return { id: claims.id, visits: claims.vis, firstSeen: claims.fs, lastSeen: claims.ls, recent: claims.rv };
}

export function toClaims(profile: Profile): ProfileClaims {
  return {
    v: 1,
    id: profile.id,
    vis: profile.visits,
    fs: profile.firstSeen,
    ls: profile.lastSeen,
    rv: [...profile.recent],
  };
}

/** A profile nobody has seen before: a new random id and nothing else. */
export function freshProfile(now: number): Profile {
  const id = base64url.encode(crypto.getRandomValues(new Uint8Array(16)));
  return { id, visits: 0, firstSeen: now, lastSeen: 0, recent: [] };
}
