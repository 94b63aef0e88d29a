import { describe, expect, it } from "vitest";
import * as v from "valibot";
import { BirthdaySchema, isBirthday, isBirthdayWithin } from "../../src/core/profile/birthday";

const date = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};

describe("isBirthdayWithin", () => {
  it.each([
    // [birthday day, month, today, days, within]
    [14, 3, "2026-03-14", 0, true],
    [14, 3, "2026-03-13", 0, false],
    [14, 3, "2026-03-11", 3, true],
    [14, 3, "2026-03-10", 3, false],
    [14, 3, "2026-03-17", 3, true],
    [14, 3, "2026-03-18", 3, false],
  ])("a birthday on %i/%i, on %s, within %i days: %s (day boundaries)", (day, month, today, days, within) => {
    expect(isBirthdayWithin({ day, month }, date(today), days)).toBe(within);
  });

  it.each([
    [1, 4, "2026-03-29", 3, true],
    [1, 4, "2026-03-28", 3, false],
    [31, 3, "2026-04-03", 3, true],
    [31, 3, "2026-04-04", 3, false],
    // March has 31 days, February 28 in 2026: the window counts real days.
    [2, 3, "2026-02-27", 3, true],
    [2, 3, "2026-02-26", 3, false],
  ])("a birthday on %i/%i, on %s, within %i days: %s (month boundaries)", (day, month, today, days, within) => {
    expect(isBirthdayWithin({ day, month }, date(today), days)).toBe(within);
  });

  it.each([
    [30, 12, "2027-01-02", 3, true],
    [30, 12, "2027-01-03", 3, false],
    [2, 1, "2026-12-30", 3, true],
    [2, 1, "2026-12-29", 3, false],
    [31, 12, "2026-01-01", 1, true],
    [1, 1, "2026-12-31", 1, true],
    [1, 1, "2026-12-30", 1, false],
  ])("a birthday on %i/%i, on %s, within %i days: %s (turn of the year)", (day, month, today, days, within) => {
    expect(isBirthdayWithin({ day, month }, date(today), days)).toBe(within);
  });

  it.each([
    // A year without 29 February: the birthday is kept on 28 February.
    ["2026-02-28", 0, true],
    ["2026-03-01", 0, false],
    ["2026-03-03", 3, true],
    ["2026-03-04", 3, false],
    ["2026-02-25", 3, true],
    ["2026-02-24", 3, false],
    // A leap year: 29 February itself.
    ["2028-02-29", 0, true],
    ["2028-02-28", 0, false],
    ["2028-03-03", 3, true],
    ["2028-03-04", 3, false],
    // 1900 and 2100 are not leap years; 2000 was.
    ["2100-02-28", 0, true],
    ["2000-02-29", 0, true],
    ["2000-02-28", 0, false],
  ])("a birthday on 29 February, on %s, within %i days: %s", (today, days, within) => {
    expect(isBirthdayWithin({ day: 29, month: 2 }, date(today), days)).toBe(within);
  });

  it("counts days on both sides, for every window from 0 to 14 days", () => {
    const birthday = { day: 10, month: 7 };
    const shifted = (offset: number) => {
      const day = new Date(Date.UTC(2026, 6, 10 + offset));
      return { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    };
    for (let days = 0; days <= 14; days++) {
      for (const side of [-1, 1]) {
        expect(isBirthdayWithin(birthday, shifted(side * days), days)).toBe(true);
        expect(isBirthdayWithin(birthday, shifted(side * (days + 1)), days)).toBe(false);
      }
    }
  });
});

describe("BirthdaySchema", () => {
  it.each([
    [{ day: 29, month: 2 }, true],
    [{ day: 31, month: 12 }, true],
    [{ day: 1, month: 1 }, true],
    [{ day: 30, month: 2 }, false],
    [{ day: 31, month: 4 }, false],
    [{ day: 0, month: 5 }, false],
    [{ day: 12, month: 13 }, false],
    [{ day: 1.5, month: 3 }, false],
    [{ day: 3, month: 3, year: 1990 }, false],
    [{ day: 3 }, false],
  ])("takes %j: %s", (input, ok) => {
    expect(v.safeParse(BirthdaySchema, input).success).toBe(ok);
    if ("month" in input && !("year" in input)) expect(isBirthday(input.day, input.month)).toBe(ok);
  });
});
