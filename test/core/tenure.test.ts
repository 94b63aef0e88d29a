import { describe, expect, it } from "vitest";
import { daysSinceFirstVisit, isEstablished } from "../../src/core/profile/tenure";
import { DAY, T0, profile } from "../support/builders";

/** The default rule from SettingsSchema: 5 visits over 14 days, or 1 order. */
const DEFAULT_RULE = { minVisits: 5, minDays: 14, minOrders: 1 };

describe("isEstablished with the default rule", () => {
  it.each([
    ["a brand-new shopper", 1, 0, 0, false],
    ["5 visits over exactly 14 days", 5, 14 * DAY, 0, true],
    ["5 visits over 14 days less a second", 5, 14 * DAY - 1, 0, false],
    ["4 visits over 14 days", 4, 14 * DAY, 0, false],
    ["4 visits over a year", 4, 365 * DAY, 0, false],
    ["50 visits in 13 days", 50, 13 * DAY, 0, false],
    ["6 visits over 20 days", 6, 20 * DAY, 0, true],
    ["one order on the first visit", 1, 0, 1, true],
    ["one order, no visits counted yet", 0, 0, 1, true],
    ["three orders", 2, DAY, 3, true],
  ])("%s: %s", (_name, visits, age, orders, expected) => {
    const shopper = profile({ visits, orders, firstSeen: T0 });
    expect(isEstablished(shopper, T0 + age, DEFAULT_RULE)).toBe(expected);
  });

  it.each([
    ["minOrders 2 refuses one order", { ...DEFAULT_RULE, minOrders: 2 }, 1, 1, 0, false],
    ["minOrders 2 accepts two", { ...DEFAULT_RULE, minOrders: 2 }, 1, 2, 0, true],
    ["minDays 0 needs visits only", { ...DEFAULT_RULE, minDays: 0 }, 5, 0, 0, true],
    ["minVisits 1 and minDays 1 after a day", { minVisits: 1, minDays: 1, minOrders: 1 }, 1, 0, DAY, true],
  ])("other rules: %s", (_name, rule, visits, orders, age, expected) => {
    expect(isEstablished(profile({ visits, orders, firstSeen: T0 }), T0 + age, rule)).toBe(expected);
  });
});

describe("daysSinceFirstVisit", () => {
  it.each([
    [0, 0],
    [DAY, 1],
    [DAY / 2, 0.5],
    [14 * DAY, 14],
    // A first visit "in the future" (clock skew between edges) is day 0, never negative.
    [-DAY, 0],
  ])("%i seconds after the first visit is %d days", (elapsed, days) => {
    expect(daysSinceFirstVisit(profile({ firstSeen: T0 }), T0 + elapsed)).toBe(days);
  });
});
