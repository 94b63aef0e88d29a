/**
 * What compiling a ruleset needs, answered in Node (for validating before
 * publishing). URL patterns use Node's URLPattern where it has one and a
 * structural check otherwise; selectors are checked against the grammar
 * HTMLRewriter implements.
 */
import type { PathMatcher } from "../../src/page/classifyPage";
import type { Platform } from "../../src/rules/compileRuleSet";

const noMatch: PathMatcher = { match: () => undefined };

function compilePattern(pathname: string): PathMatcher | string {
  const Pattern = (globalThis as { URLPattern?: new (init: { pathname: string }) => unknown }).URLPattern;
  if (Pattern) {
    try {
      new Pattern({ pathname });
      return noMatch;
    } catch {
      return `"${pathname}" is not a valid URL path pattern`;
    }
  }
  const groups = pathname.match(/[()]/g)?.length ?? 0;
  return groups % 2 === 0 ? noMatch : `"${pathname}" is not a valid URL path pattern`;
}

/** Pseudo-classes HTMLRewriter matches; everything else it refuses. */
const SUPPORTED_PSEUDO = new Set(["first-child", "nth-child", "first-of-type", "nth-of-type", "not"]);

function checkSelector(selector: string): string | undefined {
  const refuse = (what: string) => `'${what}' is not supported by HTMLRewriter`;
  if (/[+~]/.test(selector.replace(/\[[^\]]*\]/g, "").replace(/\([^)]*\)/g, ""))) {
    return refuse(selector.includes("+") ? "+" : "~");
  }
  if (selector.includes("::")) return refuse(`::${selector.split("::")[1]?.split(/[\s,]/)[0] ?? ""}`);
  for (const match of selector.matchAll(/:([a-z-]+)(\()?/gi)) {
    const name = match[1]?.toLowerCase() ?? "";
    if (!SUPPORTED_PSEUDO.has(name)) return refuse(`:${name}${match[2] ? "()" : ""}`);
  }
  if (/^\s*$|,\s*$|^\s*,/.test(selector)) return `"${selector}" is not a selector`;
  return undefined;
}

export const nodePlatform: Platform = { compilePattern, checkSelector };
