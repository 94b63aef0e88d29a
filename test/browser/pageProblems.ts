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
    problems.push({ url: message.page()?.url() ?? message.location().url, text: message.text() });
  });
  context.on("weberror", (error) => {
    problems.push({ url: error.page()?.url() ?? "", text: String(error.error()) });
  });
  context.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push({ url: response.url(), text: `${response.request().method()} answered ${response.status()}` });
    }
  });
  return problems;
}
