import { describe, expect, it } from "vitest";
import { matchCondition } from "../../src/core/decide/matchCondition";
import { type Row, subject } from "./matchConditionSubject";

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
