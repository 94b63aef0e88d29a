/**
 * /__tact/forget: one button that deletes the profile and stops profiling.
 * Only an opt-out marker is left in the cookie; it needs no signature, since
 * forging it could only opt oneself out.
 */
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { readVars } from "../../http/vars";
import type { AppContext } from "../../http/groundwork";
import { chooseLanguage } from "../../http/chooseLanguage";
import { isLoopbackHost } from "../../cookie/keyRing";
import { legacyCookieExpiry, profileCookie } from "../../cookie/profileCookie";
import { OPTED_OUT } from "../../../core/profile/tracking";
import { localPath } from "../localPath";
import { languageOf, words } from "./copy";
import { pageShell } from "./pageShell";
import { wantsJson } from "./respond";

export const forgetRoute = new Hono<{ Bindings: Env }>();

function language(c: AppContext) {
  return languageOf(chooseLanguage(c.req.header("accept-language") ?? null, ["it", "en"]));
}

forgetRoute.get("/", (c) => {
  const lang = language(c);
  const w = words(lang);
  const done = c.req.query("done") !== undefined;
  return c.html(
    pageShell(
      lang,
      w.forgetTitle,
      done
        ? html`<p class="status" role="status">${w.forgotten}</p>`
        : html`<p>${w.forgetText}</p>
            <form method="post" action="/__tact/forget"><button type="submit">${w.forgetButton}</button></form>`,
    ),
  );
});

forgetRoute.post("/", (c) => {
  const url = new URL(c.req.url);
  const local = isLoopbackHost(url.hostname);
  const { cookieMaxAgeSeconds } = readVars(c.env);
  c.header("set-cookie", profileCookie(OPTED_OUT, url, cookieMaxAgeSeconds, local), { append: true });
  const expiry = legacyCookieExpiry(c, url, local);
  if (expiry) c.header("set-cookie", expiry, { append: true });
  if (wantsJson(c)) return c.json({ optedOut: true });
  return c.redirect(localPath("/__tact/forget?done"), 303);
});
