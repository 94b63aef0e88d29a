/**
 * A stand-in for the runtime's platform (html/runtimePlatform) where there is
 * no HTMLRewriter, for core tests in Node that compile a ruleset only to
 * select its rules: every selector is taken, and a template is its text with
 * its {{placeholders}} as fields, unchecked.
 */
import type { Platform } from "../../src/core/ruleset/CompiledRuleSet";
import type { Part } from "../../src/core/ruleset/template";

function parts<F extends string>(source: string): Part<F>[] {
  return source.split(/(\{\{\s*[A-Za-z]+\s*\}\})/).map((piece) => {
    const field = /^\{\{\s*([A-Za-z]+)\s*\}\}$/.exec(piece)?.[1];
    return field ? { field: field as F } : piece;
  });
}

export const plainPlatform: Platform = {
  checkSelector: () => undefined,
  compileTemplate: async (template) => ({
    ok: true,
    value: { block: parts(template.block), item: parts(template.item), urlFields: [] },
  }),
};
