/**
 * The Worker's answers to what compiling a ruleset needs: URL patterns are
 * URLPatterns, and selector support is whatever HTMLRewriter accepts (it
 * throws when a handler is registered for a selector it cannot match).
 */
import type { PathMatcher } from "../page/classifyPage";
import type { Platform } from "./compileRuleSet";

/** Pathnames remembered per pattern: a shop's pages repeat, and matching one is not free. */
const REMEMBERED_PATHS = 500;

function compilePattern(pathname: string): PathMatcher | string {
  let pattern: URLPattern;
  try {
    pattern = new URLPattern({ pathname });
  } catch {
    return `"${pathname}" is not a valid URL path pattern`;
  }
  const seen = new Map<string, ReturnType<PathMatcher["match"]>>();
  return {
    match: (url: URL) => {
      const path = url.pathname;
      if (seen.has(path)) return seen.get(path);
      const groups = pattern.exec({ pathname: path })?.pathname.groups;
      if (seen.size >= REMEMBERED_PATHS) seen.clear();
      seen.set(path, groups);
      return groups;
    },
  };
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
