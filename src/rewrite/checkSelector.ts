/**
 * Selector support is whatever HTMLRewriter accepts, so ask it: registering a
 * handler throws for a selector it cannot match (":has()", ":nth-child(2)", …).
 */
import type { SelectorCheck } from "../rules/compileRuleSet";

export const checkSelector: SelectorCheck = (selector) => {
  try {
    new HTMLRewriter().on(selector, {});
    return undefined;
  } catch {
    return `"${selector}" is not supported by HTMLRewriter`;
  }
};
