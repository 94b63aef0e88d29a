/**
 * /__tact/prefs/birthday: the shopper states a birthday (day and month, no
 * year) or removes it, on its own, without touching anything else. Only a
 * browser with a profile may: Global Privacy Control, a missing consent or
 * "Forget me" leave nothing to keep it in, and it is never asked for there.
 *
 *   POST   /__tact/prefs/birthday   {"birthday": {"day": 14, "month": 3}}  or  {"birthday": null}
 *                                   form: day, month (blank: remove), or remove=1; back=profile|prefs
 *   DELETE /__tact/prefs/birthday   removes it
 */
import { Hono } from "hono/tiny";
import * as v from "valibot";
import { type Birthday, BirthdaySchema } from "../../../core/profile/birthday";
import { describeIssue } from "../../../core/ruleset/RuleSet";
import type { AppContext } from "../../http/groundwork";
import { localPath } from "../localPath";
import { words } from "./copy";
import { refuse, wantsJson } from "./respond";
import { loadSession, storeProfile } from "./session";

const BirthdayInputSchema = v.strictObject({ birthday: v.nullable(BirthdaySchema) });

export const birthdayRoute = new Hono<{ Bindings: Env }>();

/** The birthday to keep (null: none), where a form should return, or what is wrong with the body. */
async function readInput(c: AppContext): Promise<{ birthday: Birthday | null; back: string } | string> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/json/i.test(type)) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return "the body is not valid JSON";
    }
    const parsed = v.safeParse(BirthdayInputSchema, raw);
    if (!parsed.success) return describeIssue(parsed.issues[0] as v.BaseIssue<unknown>);
    return { birthday: parsed.output.birthday, back: "/__tact/prefs" };
  }
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    return "send application/json or a form";
  }
  const form = await c.req.parseBody();
  const back = form["back"] === "profile" ? "/__tact/profile" : "/__tact/prefs";
  const day = typeof form["day"] === "string" ? form["day"] : "";
  const month = typeof form["month"] === "string" ? form["month"] : "";
  if (form["remove"] === "1" || (day === "" && month === "")) return { birthday: null, back };
  if (day === "" || month === "") return "choose both a day and a month, or neither";
  const parsed = v.safeParse(BirthdaySchema, { day: Number(day), month: Number(month) });
  return parsed.success ? { birthday: parsed.output, back } : `${day}/${month} is not a day of the year`;
}

async function keep(c: AppContext, input: { birthday: Birthday | null; back: string } | string) {
  const session = await loadSession(c);
  if (!session) return refuse(c, 409, words("en").unavailable);
  const w = words(session.language);
  if (session.state.kind === "none") {
    const { reason } = session.state;
    const why = {
      gpc: w.blockedGpc,
      dnt: w.blockedDnt,
      "no-consent": w.blockedConsent,
      "opted-out": w.forgottenProfile,
    };
    return refuse(c, 409, why[reason], session.language);
  }
  if (typeof input === "string") return refuse(c, 400, input, session.language);
  const profile = { ...session.state.profile, birthday: input.birthday ?? undefined };
  await storeProfile(c, session, profile);
  if (wantsJson(c)) return c.json({ birthday: input.birthday });
  return c.redirect(localPath(`${input.back}?birthday=${input.birthday ? "saved" : "removed"}`), 303);
}

birthdayRoute.post("/", async (c) => keep(c, await readInput(c)));
birthdayRoute.delete("/", async (c) => keep(c, { birthday: null, back: "/__tact/prefs" }));
birthdayRoute.all("/", (c) => refuse(c, 405, "use POST or DELETE"));
