import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/core/ruleset/Condition";
import { matchCondition } from "../../src/core/decide/matchCondition";
import { subject } from "./matchConditionSubject";

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
