/**
 * The birthday parts of tact's pages: the optional day-and-month form on the
 * preferences page, the birthday in words on the profile page, and the
 * button that removes it on its own. Shown only to a browser with a profile.
 */
import { html } from "hono/html";
import type { Birthday } from "../../../core/profile/birthday";
import type { Language, Words } from "./copy";

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);
const DAYS = Array.from({ length: 31 }, (_, index) => index + 1);

/** A month's name as the language writes it ("marzo", "March"). */
function monthName(month: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));
}

/** "14 marzo", "14 March": a leap year, so that 29 February reads as itself. */
export function birthdayInWords(birthday: Birthday, language: Language): string {
  const format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  return format.format(Date.UTC(2000, birthday.month - 1, birthday.day));
}

/** A form with one button that removes the birthday; `back` is where the browser returns. */
export function removeBirthdayForm(w: Words, back: "prefs" | "profile") {
  return html`<form method="post" action="/__tact/prefs/birthday" class="inline">
    <input type="hidden" name="remove" value="1" /><input type="hidden" name="back" value="${back}" />
    <button type="submit">${w.removeBirthday}</button>
  </form>`;
}

export function birthdayForm(birthday: Birthday | undefined, language: Language, w: Words) {
  const option = (value: number, label: string, chosen: number | undefined) =>
    html`<option value="${value}" ${value === chosen ? "selected" : ""}>${label}</option>`;
  return html`<form method="post" action="/__tact/prefs/birthday">
      <fieldset>
        <legend>${w.birthdayLegend}</legend>
        <p class="note">${w.birthdayWhy}</p>
        <div class="choices">
          <label
            >${w.day}
            <select name="day">
              <option value="">${w.notGiven}</option>
              ${DAYS.map((day) => option(day, String(day), birthday?.day))}
            </select></label
          >
          <label
            >${w.month}
            <select name="month">
              <option value="">${w.notGiven}</option>
              ${MONTHS.map((month) => option(month, monthName(month, language), birthday?.month))}
            </select></label
          >
        </div>
      </fieldset>
      <button type="submit">${w.saveBirthday}</button>
    </form>
    ${birthday ? removeBirthdayForm(w, "prefs") : ""}`;
}
