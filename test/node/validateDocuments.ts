/** A small valid rule document for the validate command's tests, and the pieces to break it with. */
import { productRule } from "../support/builders";

export { TEMPLATES, ruleDocument as document } from "../support/builders";

/** The demo shop's product-page rule, as the validate command's tests start from it. */
export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return productRule("picks", {
    slot: { selector: ".product-extras", position: "append" },
    count: 4,
    heading: { it: "Si abbina bene con", en: "Goes well with" },
    ...overrides,
  });
}
