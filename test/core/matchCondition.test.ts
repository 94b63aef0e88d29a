import { describe, expect, it } from "vitest";
import type { RequestFacts } from "../../src/core/decide/RequestFacts";
import type { Profile } from "../../src/core/profile/Profile";
import type { Condition } from "../../src/core/ruleset/Condition";
import { type Subject, matchCondition } from "../../src/core/decide/matchCondition";
import { DAY, T0, profile, request } from "../support/builders";

const NOW = T0 + 20 * DAY;

function subject(
  options: {
    profile?: Partial<Profile>;
    affinities?: Record<string, number>;
    established?: boolean;
    request?: Partial<RequestFacts>;
  } = {},
): Subject {
  return {
    profile: profile({ firstSeen: T0, ...options.profile }),
    affinities: options.affinities ?? {},
    established: options.established ?? false,
    request: request(options.request),
    now: NOW,
  };
}

type Row = [name: string, condition: Condition, subject: Subject, expected: boolean];

describe("matchCondition: profile facts", () => {
  it.each<Row>([
    // affinity: reads the decayed affinities of the subject, not the profile's stored ones
    [
      "affinity above the threshold",
      { affinity: { category: "tea", atLeast: 2 } },
      subject({ affinities: { tea: 3 } }),
      true,
    ],
    [
      "affinity at the threshold",
      { affinity: { category: "tea", atLeast: 2 } },
      subject({ affinities: { tea: 2 } }),
      true,
    ],
    [
      "affinity just below",
      { affinity: { category: "tea", atLeast: 2 } },
      subject({ affinities: { tea: 1.99 } }),
      false,
    ],
    [
      "affinity for another category",
      { affinity: { category: "tea", atLeast: 1 } },
      subject({ affinities: { coffee: 5 } }),
      false,
    ],
    ["affinity threshold 0 with no score", { affinity: { category: "tea", atLeast: 0 } }, subject(), true],
    [
      "affinity uses the decayed scores, not the stored ones",
      { affinity: { category: "tea", atLeast: 2 } },
      subject({ profile: { affinities: { tea: 4 } }, affinities: { tea: 1 } }),
      false,
    ],
    // visits
    ["visits atLeast met", { visits: { atLeast: 3 } }, subject({ profile: { visits: 3 } }), true],
    ["visits atLeast missed", { visits: { atLeast: 3 } }, subject({ profile: { visits: 2 } }), false],
    ["visits atMost met", { visits: { atMost: 1 } }, subject({ profile: { visits: 1 } }), true],
    ["visits atMost missed", { visits: { atMost: 1 } }, subject({ profile: { visits: 2 } }), false],
    ["visits inside a range", { visits: { atLeast: 2, atMost: 4 } }, subject({ profile: { visits: 4 } }), true],
    ["visits above a range", { visits: { atLeast: 2, atMost: 4 } }, subject({ profile: { visits: 5 } }), false],
    ["visits below a range", { visits: { atLeast: 2, atMost: 4 } }, subject({ profile: { visits: 1 } }), false],
    // daysSinceFirstVisit (NOW is 20 days after T0)
    ["days atLeast met", { daysSinceFirstVisit: { atLeast: 20 } }, subject(), true],
    ["days atLeast missed", { daysSinceFirstVisit: { atLeast: 21 } }, subject(), false],
    ["days atMost met", { daysSinceFirstVisit: { atMost: 20 } }, subject(), true],
    ["days atMost missed by a fraction", { daysSinceFirstVisit: { atMost: 19.5 } }, subject(), false],
    ["days inside a range", { daysSinceFirstVisit: { atLeast: 7, atMost: 30 } }, subject(), true],
    [
      "days for a first visit just now",
      { daysSinceFirstVisit: { atMost: 0 } },
      subject({ profile: { firstSeen: NOW } }),
      true,
    ],
    // orders
    ["orders atLeast met", { orders: { atLeast: 1 } }, subject({ profile: { orders: 1 } }), true],
    ["orders atLeast missed", { orders: { atLeast: 1 } }, subject(), false],
    ["orders atMost 0 for a new shopper", { orders: { atMost: 0 } }, subject(), true],
    ["orders atMost 0 for a customer", { orders: { atMost: 0 } }, subject({ profile: { orders: 2 } }), false],
    ["orders inside a range", { orders: { atLeast: 2, atMost: 5 } }, subject({ profile: { orders: 5 } }), true],
    ["orders above a range", { orders: { atLeast: 2, atMost: 5 } }, subject({ profile: { orders: 6 } }), false],
    // prefers: stated favourites only
    ["prefers a favourite", { prefers: "tea" }, subject({ profile: { favourites: ["coffee", "tea"] } }), true],
    ["prefers something else", { prefers: "tea" }, subject({ profile: { favourites: ["coffee"] } }), false],
    ["prefers is not inferred from affinity", { prefers: "tea" }, subject({ affinities: { tea: 10 } }), false],
    ["prefers is not an avoided category", { prefers: "tea" }, subject({ profile: { avoided: ["tea"] } }), false],
    // established
    ["established: true for an established shopper", { established: true }, subject({ established: true }), true],
    ["established: true for a newcomer", { established: true }, subject({ established: false }), false],
    ["established: false for a newcomer", { established: false }, subject({ established: false }), true],
    ["established: false for an established shopper", { established: false }, subject({ established: true }), false],
    [
      "established reads the subject's flag, not the visits",
      { established: true },
      subject({ profile: { visits: 100, orders: 5 }, established: false }),
      false,
    ],
  ])("%s", (_name, condition, who, expected) => {
    expect(matchCondition(condition, who)).toBe(expected);
  });
});

describe("matchCondition: request facts", () => {
  it.each<Row>([
    ["country in the list", { country: ["IT", "CH"] }, subject({ request: { country: "CH" } }), true],
    ["country not in the list", { country: ["IT", "CH"] }, subject({ request: { country: "FR" } }), false],
    ["country unknown", { country: ["IT"] }, subject({ request: { country: undefined } }), false],
    ["device in the list", { device: ["mobile", "tablet"] }, subject({ request: { device: "tablet" } }), true],
    ["device not in the list", { device: ["mobile"] }, subject({ request: { device: "desktop" } }), false],
    ["language in the list", { language: ["it", "de"] }, subject({ request: { language: "it" } }), true],
    ["language not in the list", { language: ["it"] }, subject({ request: { language: "en" } }), false],
    ["referrer exact host", { referrer: ["instagram.com"] }, subject({ request: { referrer: "instagram.com" } }), true],
    [
      "referrer subdomain",
      { referrer: ["instagram.com"] },
      subject({ request: { referrer: "l.instagram.com" } }),
      true,
    ],
    [
      "referrer deep subdomain",
      { referrer: ["google.com"] },
      subject({ request: { referrer: "news.mail.google.com" } }),
      true,
    ],
    [
      "referrer that only ends with the same letters",
      { referrer: ["instagram.com"] },
      subject({ request: { referrer: "notinstagram.com" } }),
      false,
    ],
    [
      "referrer that merely contains the host",
      { referrer: ["instagram.com"] },
      subject({ request: { referrer: "instagram.com.evil.test" } }),
      false,
    ],
    [
      "referrer that is a parent of the wanted host",
      { referrer: ["l.instagram.com"] },
      subject({ request: { referrer: "instagram.com" } }),
      false,
    ],
    [
      "referrer, second of several hosts",
      { referrer: ["facebook.com", "instagram.com"] },
      subject({ request: { referrer: "instagram.com" } }),
      true,
    ],
    ["referrer unknown", { referrer: ["instagram.com"] }, subject(), false],
    ["utmSource in the list", { utmSource: ["newsletter", "ads"] }, subject({ request: { utmSource: "ads" } }), true],
    ["utmSource not in the list", { utmSource: ["newsletter"] }, subject({ request: { utmSource: "ads" } }), false],
    ["utmSource must match whole", { utmSource: ["news"] }, subject({ request: { utmSource: "newsletter" } }), false],
    ["utmSource absent", { utmSource: ["newsletter"] }, subject(), false],
  ])("%s", (_name, condition, who, expected) => {
    expect(matchCondition(condition, who)).toBe(expected);
  });

  it.each([
    // A window within the day: 9 to 17, both ends included.
    [9, 17, 8, false],
    [9, 17, 9, true],
    [9, 17, 13, true],
    [9, 17, 17, true],
    [9, 17, 18, false],
    // A single hour.
    [12, 12, 12, true],
    [12, 12, 11, false],
    [12, 12, 13, false],
    // Across midnight: 22 to 2.
    [22, 2, 21, false],
    [22, 2, 22, true],
    [22, 2, 23, true],
    [22, 2, 0, true],
    [22, 2, 2, true],
    [22, 2, 3, false],
    [22, 2, 12, false],
    // The whole day, written both ways.
    [0, 23, 0, true],
    [0, 23, 23, true],
    [23, 22, 12, true],
    [23, 22, 23, true],
    [23, 22, 22, true],
  ])("localHour from %i to %i at %i: %s", (from, to, hour, expected) => {
    expect(matchCondition({ localHour: { from, to } }, subject({ request: { localHour: hour } }))).toBe(expected);
  });

  it.each([
    [0, 23],
    [22, 2],
    [9, 17],
  ])("localHour from %i to %i never matches an unknown hour", (from, to) => {
    expect(matchCondition({ localHour: { from, to } }, subject({ request: { localHour: undefined } }))).toBe(false);
  });
});

describe("matchCondition: all / any / not", () => {
  const yes: Condition = { visits: { atLeast: 1 } };
  const no: Condition = { visits: { atLeast: 100 } };
  const shopper = subject({
    profile: { visits: 3, favourites: ["tea"] },
    request: { country: "IT", device: "mobile" },
  });

  it.each<[string, Condition, boolean]>([
    ["all of trues", { all: [yes, yes, yes] }, true],
    ["all with one false", { all: [yes, no, yes] }, false],
    ["all of one true", { all: [yes] }, true],
    ["any with one true", { any: [no, no, yes] }, true],
    ["any of falses", { any: [no, no] }, false],
    ["any of one false", { any: [no] }, false],
    ["not true", { not: yes }, false],
    ["not false", { not: no }, true],
    ["not not true", { not: { not: yes } }, true],
    ["all containing not", { all: [yes, { not: no }] }, true],
    ["any of alls", { any: [{ all: [yes, no] }, { all: [yes, yes] }] }, true],
    ["not any", { not: { any: [no, yes] } }, false],
    ["all of facts, all true", { all: [{ country: ["IT"] }, { device: ["mobile"] }, { prefers: "tea" }] }, true],
    ["all of facts, one false", { all: [{ country: ["IT"] }, { device: ["desktop"] }, { prefers: "tea" }] }, false],
    [
      "any of facts, only the last true",
      { any: [{ country: ["FR"] }, { device: ["desktop"] }, { prefers: "tea" }] },
      true,
    ],
    ["nested six deep (two nots cancel out)", { all: [{ any: [{ not: { all: [{ any: [{ not: yes }] }] } }] }] }, true],
    ["nested six deep, flipped", { all: [{ any: [{ not: { all: [{ any: [{ not: no }] }] } }] }] }, false],
  ])("%s", (_name, condition, expected) => {
    expect(matchCondition(condition, shopper)).toBe(expected);
  });
});

describe("matchCondition: the birthday the shopper gave", () => {
  const birthday = { day: 14, month: 3 };
  const on = (iso: string) => {
    const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
    return { localDate: { year, month, day } };
  };
  const fact: Condition = { birthday: { withinDays: 3 } };

  it.each<Row>([
    [
      "an established customer in the window",
      fact,
      subject({ established: true, profile: { birthday }, request: on("2026-03-16") }),
      true,
    ],
    [
      "an established customer outside it",
      fact,
      subject({ established: true, profile: { birthday }, request: on("2026-03-18") }),
      false,
    ],
    ["a prospect in the window", fact, subject({ profile: { birthday }, request: on("2026-03-14") }), false],
    ["an established customer who gave none", fact, subject({ established: true, request: on("2026-03-14") }), false],
    [
      "the request's local date, not another",
      fact,
      subject({ established: true, profile: { birthday }, request: on("2026-03-10") }),
      false,
    ],
  ])("%s", (_name, condition, who, expected) => {
    expect(matchCondition(condition, who)).toBe(expected);
  });
});
