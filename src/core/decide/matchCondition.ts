/**
 * Evaluates a persona condition. Pure: profile, request facts and the clock
 * in, a boolean out. Affinities are read decayed to `now`.
 */
import type { RequestFacts } from "./RequestFacts";
import { isBirthdayWithin } from "../profile/birthday";
import type { Profile } from "../profile/Profile";
import { daysSinceFirstVisit } from "../profile/tenure";
import type { Condition } from "../ruleset/Condition";

export interface Subject {
  readonly profile: Profile;
  /** Affinities decayed to now. */
  readonly affinities: Readonly<Record<string, number>>;
  readonly established: boolean;
  readonly request: RequestFacts;
  readonly now: number;
}

function within(value: number, range: { atLeast?: number | undefined; atMost?: number | undefined }): boolean {
  return (
    (range.atLeast === undefined || value >= range.atLeast) && (range.atMost === undefined || value <= range.atMost)
  );
}

function hostMatches(host: string, wanted: string): boolean {
  return host === wanted || host.endsWith(`.${wanted}`);
}

export function matchCondition(condition: Condition, subject: Subject): boolean {
  if ("all" in condition) return condition.all.every((c) => matchCondition(c, subject));
  if ("any" in condition) return condition.any.some((c) => matchCondition(c, subject));
  if ("not" in condition) return !matchCondition(condition.not, subject);
  const { profile, request } = subject;
  if ("affinity" in condition)
    return (subject.affinities[condition.affinity.category] ?? 0) >= condition.affinity.atLeast;
  if ("visits" in condition) return within(profile.visits, condition.visits);
  if ("daysSinceFirstVisit" in condition)
    return within(daysSinceFirstVisit(profile, subject.now), condition.daysSinceFirstVisit);
  if ("orders" in condition) return within(profile.orders, condition.orders);
  if ("prefers" in condition) return profile.favourites.includes(condition.prefers);
  if ("established" in condition) return subject.established === condition.established;
  // Validation lets only rules for established customers use it; a prospect is never matched all the same.
  if ("birthday" in condition) {
    const { birthday } = profile;
    return (
      subject.established &&
      birthday !== undefined &&
      isBirthdayWithin(birthday, request.localDate, condition.birthday.withinDays)
    );
  }
  if ("country" in condition) return request.country !== undefined && condition.country.includes(request.country);
  if ("device" in condition) return condition.device.includes(request.device);
  if ("language" in condition) return condition.language.includes(request.language);
  if ("referrer" in condition) {
    const host = request.referrer;
    return host !== undefined && condition.referrer.some((wanted) => hostMatches(host, wanted));
  }
  if ("utmSource" in condition)
    return request.utmSource !== undefined && condition.utmSource.includes(request.utmSource);
  const hour = request.localHour;
  if (hour === undefined) return false;
  const { from, to } = condition.localHour;
  // A window may run past midnight: from 22 to 2.
  return from <= to ? hour >= from && hour <= to : hour >= from || hour <= to;
}
