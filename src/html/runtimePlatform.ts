/**
 * The runtime's answers to what compiling a ruleset needs: HTMLRewriter itself
 * says which selectors it can match (it throws when a handler is registered
 * for one it cannot) and tokenizes templates. The rules CLI runs this same
 * code inside workerd, so an answer never differs between the two.
 */
import { describeError } from "../edges/log";
import { compileTemplate } from "./compileTemplate";
import type { Platform } from "../core/ruleset/compileRuleSet";

function checkSelector(selector: string): string | undefined {
  try {
    new HTMLRewriter().on(selector, {});
    return undefined;
  } catch (error) {
    // "TypeError: Parser error: Unsupported combinator `+` in selector." → "unsupported combinator `+` in selector"
    const why = describeError(error)
      .replace(/^\w*Error: (?:Parser error: )?/, "")
      .replace(/\.$/, "");
    return `${JSON.stringify(selector)} is not supported by HTMLRewriter: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
  }
}

export const workerPlatform: Platform = { checkSelector, compileTemplate };
