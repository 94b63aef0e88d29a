/**
 * /__tact/preview: QA opens a signed link (`npm run rules -- preview-link`),
 * confirms with one button (state changes only by POST), and from then on
 * this browser alone sees the chosen rule and variant, with a banner and a
 * way out. The token is checked again on every page, so it stops when it
 * expires.
 *
 *   GET  /__tact/preview?token=…   a page that says what will be forced
 *   POST /__tact/preview           token=… → sets the preview cookie, 303 to the shop
 *   POST /__tact/preview/exit      clears it, 303 back
 */
import { Hono } from "hono/tiny";
import { deleteCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { PREVIEW_COOKIE, verifyPreview } from "../cookie/preview";
import type { AppContext } from "../http/groundwork";
import { isLoopbackHost } from "../cookie/keyRing";
import { localPath, refererPath } from "./localPath";
import { pageShell } from "./privacy/pageShell";
import { refuse } from "./privacy/respond";

export const previewRoute = new Hono<{ Bindings: Env }>();

const now = () => Math.floor(Date.now() / 1000);

/** The heading of a link that cannot start a preview: it is about the preview, not the shopper's preferences. */
const REFUSED_TITLE = "Preview not available";

function secure(c: AppContext): boolean {
  const url = new URL(c.req.url);
  return !(url.protocol === "http:" && isLoopbackHost(url.hostname));
}

async function check(c: AppContext, token: string | undefined) {
  if (!token) return { ok: false as const, message: "the link has no token" };
  const result = await verifyPreview(token, c.env.TACT_PREVIEW_SECRET, now());
  if (result.ok) return result;
  const message = {
    "no-secret": "previews are not set up here (TACT_PREVIEW_SECRET is missing)",
    expired: "this preview link has expired; ask for a new one",
    "too-long": "this preview link lasts longer than the 7 days a preview may; ask for a new one",
    invalid: "this preview link is not valid",
  }[result.reason];
  return { ok: false as const, message };
}

previewRoute.get("/", async (c) => {
  const token = c.req.query("token");
  const result = await check(c, token);
  if (!result.ok) return refuse(c, 400, result.message, "en", REFUSED_TITLE);
  const { rule, variant, exp, explain } = result.preview;
  const until = new Date(exp * 1000).toISOString().replace("T", " ").slice(0, 16);
  return c.html(
    pageShell(
      "en",
      "Preview",
      html`<p>
          This browser will see rule <strong>${rule}</strong> as variant <strong>${variant}</strong> until ${until} UTC.
          ${explain ? "Each page will say why it shows what it shows. " : ""}Nobody else is affected.
        </p>
        <form method="post" action="/__tact/preview">
          <input type="hidden" name="token" value="${token}" />
          <button type="submit">Start preview</button>
        </form>`,
    ),
  );
});

previewRoute.post("/", async (c) => {
  const form = await c.req.parseBody();
  const token = typeof form["token"] === "string" ? form["token"] : undefined;
  const result = await check(c, token);
  if (!result.ok || !token) {
    return refuse(c, 400, result.ok ? "the link has no token" : result.message, "en", REFUSED_TITLE);
  }
  setCookie(c, PREVIEW_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c) });
  return c.redirect(localPath("/"), 303);
});

// Back to the page the banner was on, if it is one of this site's.
previewRoute.post("/exit", (c) => {
  deleteCookie(c, PREVIEW_COOKIE, { path: "/", secure: secure(c) });
  return c.redirect(refererPath(c.req.header("referer"), new URL(c.req.url)), 303);
});
