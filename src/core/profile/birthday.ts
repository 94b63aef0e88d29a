/**
 * A birthday the shopper stated, as day and month only (the year is never
 * asked: an offer needs no more), and whether a local date falls within some
 * days of it. Pure: the edge says what day it is where the shopper is.
 *
 * 29 February in a year without one is taken as 28 February: the day stays
 * in the month the shopper named, and the window never moves into March.
 */
import * as v from "valibot";

export interface Birthday {
  readonly day: number;
  /** 1–12. */
  readonly month: number;
}

/** A calendar date where the shopper (or the shop) is. */
export interface LocalDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

/** The widest window a persona may ask for, each side of the day. */
export const MAX_BIRTHDAY_WINDOW_DAYS = 14;

const DAY_MS = 86_400_000;

/** Days in `month` of a leap year: the most a stated day may be. */
export function longestMonth(month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate();
}

/** A day and month that exist in some year: 29 February does, 31 April does not. */
export function isBirthday(day: number, month: number): boolean {
  return (
    Number.isInteger(day) &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= longestMonth(month)
  );
}

export const BirthdaySchema = v.pipe(
  v.strictObject({
    day: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)),
    month: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
  }),
  v.check(({ day, month }) => isBirthday(day, month), "is not a day of that month"),
);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day number (days since the epoch) of the birthday in `year`. */
function occurrence(birthday: Birthday, year: number): number {
  const day = birthday.month === 2 && birthday.day === 29 && !isLeapYear(year) ? 28 : birthday.day;
  return Date.UTC(year, birthday.month - 1, day) / DAY_MS;
}

/**
 * Whether `today` is at most `days` days before or after the birthday. The
 * nearest occurrence may be in last year or next year (a 30 December
 * birthday is 3 days from 2 January).
 */
export function isBirthdayWithin(birthday: Birthday, today: LocalDate, days: number): boolean {
  const now = Date.UTC(today.year, today.month - 1, today.day) / DAY_MS;
  return [today.year - 1, today.year, today.year + 1].some(
    (year) => Math.abs(now - occurrence(birthday, year)) <= days,
  );
}
