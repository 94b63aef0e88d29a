/**
 * The frame of tact's own pages: plain, accessible HTML with one stylesheet
 * served by tact, no script, and a strict Content-Security-Policy (set by the
 * control app's secureHeaders).
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { type Language, words } from "./copy";

export const STYLESHEET_PATH = "/__tact/tact.css";

export function pageShell(language: Language, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  const w = words(language);
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <main class="tact">
          <h1>${title}</h1>
          ${body}
          <nav class="tact-links" aria-label="tact">
            <a href="/__tact/prefs">${w.editPrefs}</a>
            <a href="/__tact/profile">${w.seeProfile}</a>
            <a href="/__tact/forget">${w.forgetLink}</a>
            <a href="/">${w.backToShop}</a>
          </nav>
        </main>
      </body>
    </html>`;
}

export const stylesheet = `
:root { color-scheme: light; --ink: #2b2118; --muted: #6d5d4f; --line: #e6dccf; --accent: #b4532a; --paper: #fffaf3; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.tact { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
.note { color: var(--muted); }
.status { border-left: 4px solid var(--accent); background: #fff; padding: .75rem 1rem; }
fieldset { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .75rem; padding: .5rem 1rem .75rem; background: #fff; }
legend { font-weight: 600; padding: 0 .25rem; }
.choices { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
label { cursor: pointer; }
select { font: inherit; margin-left: .25rem; }
form.inline { display: inline-block; margin-left: .5rem; }
form.inline button { padding: .2rem .7rem; }
button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: .4rem; padding: .6rem 1.1rem; cursor: pointer; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #1d6fd1; outline-offset: 2px; }
dl { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .5rem 1rem; background: #fff;
  border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
dt { color: var(--muted); }
dd { margin: 0; }
.tact-links { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 1rem; }
a { color: var(--accent); }
@media (max-width: 32rem) { dl { grid-template-columns: 1fr; } }
`;
