/**
 * tact's own endpoints under /__tact: health, and the shopper's controls
 * (preferences, what we hold, forget me). State changes only by POST (or
 * DELETE, for the birthday) from the same origin; every answer is no-store,
 * with a strict CSP on pages; bad input gets a 4xx with a message, never a
 * 5xx (health's 503 "not ok" is for monitors, and is the only one).
 */
import { Hono } from "hono/tiny";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { describeError, log } from "../log";
import { healthRoute } from "./healthRoute";
import { forgetRoute } from "./privacy/forgetRoute";
import { stylesheet } from "./privacy/pageShell";
import { prefsRoute } from "./privacy/prefsRoute";
import { profileRoute } from "./privacy/profileRoute";
import { birthdayRoute } from "./privacy/birthdayRoute";
import { previewRoute } from "./previewRoute";
import { refuse } from "./privacy/respond";

/** Largest request body tact's endpoints read. */
const MAX_BODY_BYTES = 8 * 1024;

export const control = new Hono<{ Bindings: Env }>();

/**
 * The same on every answer: tact's pages run no script, load only their own
 * stylesheet, post only to themselves and are never framed.
 */
const OWN_HEADERS: readonly (readonly [string, string])[] = [
  [
    "content-security-policy",
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  ],
  ["cache-control", "no-store"],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"],
  ["referrer-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
  ["cross-origin-opener-policy", "same-origin"],
  ["strict-transport-security", "max-age=15552000; includeSubDomains"],
];

control.use(async (c, next) => {
  await next();
  for (const [name, value] of OWN_HEADERS) c.header(name, value);
});
// State changes only by a POST from this origin. A browser marks every
// cross-site POST with Origin or Sec-Fetch-Site, JSON included, so one that
// either says comes from elsewhere is refused, rather than leaving it to CORS
// preflight alone; a body a form can send (the type a browser assumes when
// none is given) must also have one of them vouch for it, as hono's csrf()
// would ask.
const FORM_BODY = /^\b(application\/x-www-form-urlencoded|multipart\/form-data|text\/(?:plain|ping))\b/i;
control.on(["POST", "DELETE"], "*", async (c, next) => {
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const own = new URL(c.req.url).origin;
  const vouched = origin === own || site === "same-origin";
  if (
    (origin !== undefined && origin !== own) ||
    (site !== undefined && site !== "same-origin") ||
    (!vouched && FORM_BODY.test(c.req.header("content-type") || "text/plain"))
  ) {
    throw new HTTPException(403);
  }
  await next();
});
control.on(
  "POST",
  "*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => refuse(c, 413, `the body is larger than ${MAX_BODY_BYTES} bytes`),
  }),
);

control.get("/tact.css", (c) => {
  c.header("content-type", "text/css; charset=utf-8");
  return c.body(stylesheet);
});
control.get("/health", healthRoute);
control.route("/prefs/birthday", birthdayRoute);
control.route("/prefs", prefsRoute);
control.route("/profile", profileRoute);
control.route("/forget", forgetRoute);
control.route("/preview", previewRoute);

control.all("*", (c) => refuse(c, 404, "no such tact endpoint"));

control.onError((error, c) => {
  if (error instanceof HTTPException && error.status === 403) {
    return refuse(c, 403, "cross-site requests cannot change tact settings");
  }
  if (error instanceof HTTPException && error.status < 500) return refuse(c, error.status, error.message);
  log.error("control.failed", { path: c.req.path, error: describeError(error) });
  return refuse(c, 409, "this could not be done right now; nothing was changed");
});
