/** The shop the fault test files run against: every /__test page carries a block, and the Worker's logging is quiet. */
import { vi } from "vitest";
import { putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";

export const PAGE = "/__test/fixture/slots";
export const BLOCK = /<section data-tact-rule="[^"]+" class="picks">[\s\S]*?<\/section>/g;

/** Every /__test page, block at .product-extras (status pages, cut pages) or #slot (fixtures). */
export async function useRules(settings: Record<string, unknown> = {}): Promise<void> {
  await putRuleSet(
    ruleset(
      [
        rule({ id: "extras", page: "/__test/*", slot: { selector: ".product-extras", position: "append" } }),
        rule({ id: "slot", page: "/__test/*" }),
      ],
      { settings: { languages: ["it", "en"], slotDeadlineMs: 2000, learningWaitMs: 200, ...settings } },
    ),
  );
}

/** Before each test: logging silenced (a fault is logged by design), the standard catalog, both rules. */
export async function faultShop(): Promise<void> {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  await standardCatalog();
  await useRules();
}
