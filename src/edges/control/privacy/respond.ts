/** Answers of tact's own pages, in JSON or HTML as the caller asked. */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppContext } from "../../http/groundwork";
import { type Language, words } from "./copy";
import { pageShell } from "./pageShell";
import { html } from "hono/html";

export function wantsJson(c: AppContext): boolean {
  const accept = c.req.header("accept") ?? "";
  return (
    /application\/json/i.test(accept) ||
    (/json/i.test(c.req.header("content-type") ?? "") && !/text\/html/i.test(accept))
  );
}

/**
 * A refusal with a message a person can act on; never a 5xx. Its page is
 * headed by `title`, by default the preferences page's, where most refusals
 * come from.
 */
export function refuse(
  c: AppContext,
  status: ContentfulStatusCode,
  message: string,
  language: Language = "en",
  title: string = words(language).prefsTitle,
) {
  if (wantsJson(c)) return c.json({ error: message }, status);
  return c.html(pageShell(language, title, html`<p class="status" role="alert">${message}</p>`), status);
}
