/**
 * Streams the origin's page through HTMLRewriter with one handler per slot.
 * The catalog read starts now and each slot awaits it (with the ruleset's
 * deadline) only when the parser reaches that slot.
 */
import type { Card } from "../catalog/Catalog";
import { type CatalogView, readCatalog } from "../catalog/readCatalog";
import { describeError, log } from "../log";
import { pickCopy } from "../page/chooseLanguage";
import { markPersonalized } from "../proxy/markPersonalized";
import { catalogKeysFor, pickItems } from "../recommend/pickItems";
import { SlotHandler } from "../rewrite/SlotHandler";
import { renderBlock } from "../rewrite/renderBlock";
import type { CompiledRule } from "../rules/compileRuleSet";
import type { PagePlan } from "./preparePage";
import { withDeadline } from "./withDeadline";

export function personalizeResponse(origin: Response, plan: PagePlan, catalogKv: KVNamespace): Response {
  const headers = new Headers(origin.headers);
  headers.append("set-cookie", plan.setCookie);
  const rewrites = plan.rules.length > 0;
  markPersonalized(headers, rewrites);
  const response = new Response(origin.body, { status: origin.status, statusText: origin.statusText, headers });
  if (!rewrites) return response;

  const catalog = readCatalog(catalogKv, catalogKeysFor(plan.page)).catch((error: unknown) => {
    log.error("catalog.kv-error", { error: describeError(error) });
    return undefined;
  });
  const rewriter = new HTMLRewriter();
  for (const rule of plan.rules) {
    const block = () =>
      withDeadline(
        catalog.then((view) => blockFor(rule, plan, view)),
        plan.ruleset.settings.slotDeadlineMs,
      );
    rewriter.on(rule.selector, new SlotHandler(rule.position, block));
  }
  return rewriter.transform(response);
}

function blockFor(rule: CompiledRule, plan: PagePlan, catalog: CatalogView | undefined): string | undefined {
  if (!catalog) return undefined;
  try {
    const items: Card[] = pickItems(plan.page, catalog, rule.count);
    if (items.length === 0) return undefined;
    return renderBlock(rule.template, {
      ruleId: rule.id,
      heading: pickCopy(rule.heading, plan.language, plan.ruleset.settings.languages),
      items,
      language: plan.language,
    });
  } catch (error) {
    log.error("block.failed", { rule: rule.id, error: describeError(error) });
    return undefined;
  }
}
