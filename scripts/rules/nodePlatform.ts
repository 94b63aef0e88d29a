/**
 * What compiling a ruleset needs, answered in Node (for validating before
 * publishing). URL patterns go through the URLPattern polyfill, imported
 * without installing it as a global, so Node 20 (which has no URLPattern)
 * accepts and refuses the same patterns as workerd. Selectors are checked
 * against the grammar HTMLRewriter implements (checkSelector.ts).
 */
import { URLPattern } from "urlpattern-polyfill/urlpattern";
import type { PathMatcher } from "../../src/page/classifyPage";
import type { Platform } from "../../src/rules/compileRuleSet";
import { checkSelector } from "./checkSelector";

function compilePattern(pathname: string): PathMatcher | string {
  let pattern: URLPattern;
  try {
    pattern = new URLPattern({ pathname });
  } catch {
    return `"${pathname}" is not a valid URL path pattern`;
  }
  return { match: (url: URL) => pattern.exec(url)?.pathname.groups };
}

export const nodePlatform: Platform = { compilePattern, checkSelector };
