/**
 * /__tact/prefs: the shopper states favourite categories and categories to
 * avoid (customization). An HTML form that works without JavaScript, and the
 * same as JSON for the shop's own UI:
 *
 *   GET  /__tact/prefs   (Accept: application/json) → { favourites, avoided, birthday, categories, state }
 *   POST /__tact/prefs   { "favourites": ["kitchen"], "avoided": ["garden"], "optIn"?: true,
 *                          "birthday"?: { "day": 14, "month": 3 } | null }
 *
 * The birthday is optional and kept as it is when the body does not name it;
 * it has its own form and endpoint too (birthdayRoute), so it can be removed
 * on its own. A browser that asked to be forgotten starts afresh without one.
 */
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import * as v from "valibot";
import { BirthdaySchema } from "../../../core/profile/birthday";
import { MAX_STATED, freshProfile } from "../../../core/profile/Profile";
import { CategorySlugSchema } from "../../../core/catalog/ids";
import { newShopperId } from "../../cookie/newShopperId";
import type { AppContext } from "../../http/groundwork";
import { describeIssue } from "../../../core/ruleset/RuleSet";
import { localPath } from "../localPath";
import { birthdayForm } from "./birthdayForm";
import { type Words, words } from "./copy";
import { pageShell } from "./pageShell";
import { refuse, wantsJson } from "./respond";
import { type Session, loadSession, storeProfile } from "./session";

const PrefsInputSchema = v.object({
  favourites: v.optional(v.pipe(v.array(CategorySlugSchema), v.maxLength(MAX_STATED)), []),
  avoided: v.optional(v.pipe(v.array(CategorySlugSchema), v.maxLength(MAX_STATED)), []),
  optIn: v.optional(v.boolean(), false),
  birthday: v.optional(v.nullable(BirthdaySchema)),
});
type PrefsInput = v.InferOutput<typeof PrefsInputSchema>;

export const prefsRoute = new Hono<{ Bindings: Env }>();

function blockedMessage(session: Session, w: Words): string | undefined {
  if (session.state.kind !== "none") return undefined;
  return { gpc: w.blockedGpc, dnt: w.blockedDnt, "no-consent": w.blockedConsent, "opted-out": undefined }[
    session.state.reason
  ];
}

prefsRoute.get("/", async (c) => {
  const session = await loadSession(c);
  if (!session) return refuse(c, 409, words("en").unavailable);
  const w = words(session.language);
  const profile = session.state.kind === "profile" ? session.state.profile : undefined;
  if (wantsJson(c)) {
    return c.json({
      state: session.state.kind === "profile" ? "profile" : session.state.reason,
      favourites: profile?.favourites ?? [],
      avoided: profile?.avoided ?? [],
      birthday: profile?.birthday ?? null,
      categories: session.categories.map(({ slug, name }) => ({ slug, name: name[session.language] ?? slug })),
    });
  }
  const blocked = blockedMessage(session, w);
  const optedOut = session.state.kind === "none" && session.state.reason === "opted-out";
  const saved = c.req.query("saved") !== undefined;
  const birthday = c.req.query("birthday");
  const status = saved
    ? w.saved
    : birthday === "saved"
      ? w.birthdaySaved
      : birthday === "removed"
        ? w.birthdayRemoved
        : "";
  return c.html(
    pageShell(
      session.language,
      optedOut ? w.optedOutTitle : w.prefsTitle,
      blocked
        ? html`<p class="status">${blocked}</p>`
        : html`${status ? html`<p class="status" role="status">${status}</p>` : ""}
            <p>${optedOut ? w.optedOutText : w.prefsIntro}</p>
            ${prefsForm(session, w, optedOut)} ${profile ? birthdayForm(profile.birthday, session.language, w) : ""}`,
    ),
  );
});

function prefsForm(session: Session, w: Words, optedOut: boolean) {
  const profile = session.state.kind === "profile" ? session.state.profile : undefined;
  if (optedOut && session.categories.length === 0) {
    return html`<form method="post" action="/__tact/prefs">
      <input type="hidden" name="optIn" value="1" /><button type="submit">${w.optIn}</button>
    </form>`;
  }
  if (session.categories.length === 0) return html`<p class="note">${w.noCategories}</p>`;
  const rows = session.categories.map(({ slug, name }) => {
    const current = profile?.favourites.includes(slug) ? "more" : profile?.avoided.includes(slug) ? "less" : "neutral";
    const option = (value: string, label: string) =>
      html`<label
        ><input type="radio" name="c-${slug}" value="${value}" ${current === value ? "checked" : ""} /> ${label}</label
      >`;
    return html`<fieldset>
      <legend>${name[session.language] ?? slug}</legend>
      <div class="choices">${option("more", w.more)} ${option("neutral", w.neutral)} ${option("less", w.less)}</div>
    </fieldset>`;
  });
  return html`<form method="post" action="/__tact/prefs">
    ${rows} ${optedOut ? html`<input type="hidden" name="optIn" value="1" />` : ""}
    <button type="submit">${optedOut ? w.optIn : w.save}</button>
  </form>`;
}

/** The body as PrefsInput, or a message saying what is wrong with it. */
async function readInput(c: AppContext): Promise<PrefsInput | string> {
  const type = c.req.header("content-type") ?? "";
  let raw: unknown;
  if (/^application\/json/i.test(type)) {
    try {
      raw = await c.req.json();
    } catch {
      return "the body is not valid JSON";
    }
  } else if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    const form = await c.req.parseBody();
    const choice = (value: string) =>
      Object.entries(form).flatMap(([key, chosen]) => (key.startsWith("c-") && chosen === value ? [key.slice(2)] : []));
    raw = { favourites: choice("more"), avoided: choice("less"), optIn: form["optIn"] === "1" };
  } else {
    return "send application/json or a form";
  }
  const parsed = v.safeParse(PrefsInputSchema, raw);
  return parsed.success ? parsed.output : describeIssue(parsed.issues[0] as v.BaseIssue<unknown>);
}

prefsRoute.post("/", async (c) => {
  const session = await loadSession(c);
  if (!session) return refuse(c, 409, words("en").unavailable);
  const w = words(session.language);
  const blocked = blockedMessage(session, w);
  if (blocked) return refuse(c, 409, blocked, session.language);

  const input = await readInput(c);
  if (typeof input === "string") return refuse(c, 400, input, session.language);
  const optedOut = session.state.kind === "none";
  if (optedOut && input.birthday) {
    return refuse(
      c,
      409,
      "a forgotten browser starts afresh without a birthday; state it once opted in",
      session.language,
    );
  }
  if (optedOut && !input.optIn) {
    return refuse(
      c,
      409,
      "this browser asked to be forgotten; send optIn: true to start a new profile",
      session.language,
    );
  }
  const offered = new Set(session.categories.map((category) => category.slug));
  const unknown = [...input.favourites, ...input.avoided].find((slug) => !offered.has(slug));
  if (unknown) return refuse(c, 400, `"${unknown}" is not a category that can be chosen`, session.language);
  const both = input.favourites.find((slug) => input.avoided.includes(slug));
  if (both) return refuse(c, 400, `"${both}" cannot be both a favourite and avoided`, session.language);

  // Opting back in starts a new anonymous id, unlinkable to the forgotten one.
  const base =
    session.state.kind === "profile" && !input.optIn
      ? session.state.profile
      : freshProfile(session.now, newShopperId());
  const profile = {
    ...base,
    favourites: [...new Set(input.favourites)],
    avoided: [...new Set(input.avoided)],
    birthday: input.birthday === undefined ? base.birthday : (input.birthday ?? undefined),
  };
  await storeProfile(c, session, profile);
  if (wantsJson(c)) {
    return c.json({ favourites: profile.favourites, avoided: profile.avoided, birthday: profile.birthday ?? null });
  }
  return c.redirect(localPath("/__tact/prefs?saved"), 303);
});
