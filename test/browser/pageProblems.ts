/**
 * Collects what a shopper would never see but a page can get wrong: console
 * errors (failed loads, Content-Security-Policy refusals), uncaught script
 * errors, CSP violations reported by the page itself, and error responses.
 */
import type { BrowserContext } from "playwright-core";

export interface PageProblem {
  readonly url: string;
  readonly text: string;
}

/**
 * The browser asks for /favicon.ico on pages that name no icon, such as
 * tact's own; the demo shop serves its icon elsewhere, so that one 404 says
 * nothing about tact or the shop.
 */
const isFaviconProbe = (url: string) => new URL(url).pathname === "/favicon.ico";

export async function watchPageProblems(context: BrowserContext): Promise<PageProblem[]> {
  const problems: PageProblem[] = [];
  // Chromium logs CSP refusals as console errors too; the event also names the directive.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} refused ${event.blockedURI || "inline content"}`);
    });
  });
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    if (source && isFaviconProbe(source)) return;
    problems.push({ url: message.page()?.url() ?? source, text: message.text() });
  });
  context.on("weberror", (error) => {
    problems.push({ url: error.page()?.url() ?? "", text: String(error.error()) });
  });
  context.on("response", (response) => {
    if (response.status() >= 400 && !isFaviconProbe(response.url())) {
      problems.push({ url: response.url(), text: `${response.request().method()} answered ${response.status()}` });
    }
  });
  return problems;
}
