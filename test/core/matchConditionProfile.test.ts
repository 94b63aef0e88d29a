import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/core/ruleset/Condition";
import { matchCondition } from "../../src/core/decide/matchCondition";
import { NOW, type Row, subject } from "./matchConditionSubject";

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
