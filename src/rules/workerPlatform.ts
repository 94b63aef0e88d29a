/**
 * The Worker's answers to what compiling a ruleset needs: URL patterns are
 * URLPatterns, and selector support is whatever HTMLRewriter accepts (it
 * throws when a handler is registered for a selector it cannot match).
 */
import type { PathMatcher } from "../page/classifyPage";
import type { Platform } from "./compileRuleSet";

function compilePattern(pathname: string): PathMatcher | string {
  try {
    const pattern = new URLPattern({ pathname });
    return { match: (url: URL) => pattern.exec(url)?.pathname.groups };
  } catch {
    return `"${pathname}" is not a valid URL path pattern`;
  }
}

function checkSelector(selector: string): string | undefined {
  try {
    new HTMLRewriter().on(selector, {});
    return undefined;
  } catch {
    return `"${selector}" is not supported by HTMLRewriter`;
  }
}

export const workerPlatform: Platform = { compilePattern, checkSelector };
