/**
 * Streams the origin's page through HTMLRewriter with one handler per slot.
 * Each slot awaits its block (with the ruleset's deadline) only when the
 * parser reaches it; the page before it is already on its way.
 */
import { describeError, log } from "../log";
import { pickCopy } from "../page/chooseLanguage";
import { markPersonalized } from "../proxy/markPersonalized";
import { PageLanguage } from "../rewrite/PageLanguage";
import { SlotHandler } from "../rewrite/SlotHandler";
import { renderBlock } from "../rewrite/renderBlock";
import type { PagePlan, SlotPlan } from "./finishPage";
import { withDeadline } from "./withDeadline";

export function personalizeResponse(origin: Response, plan: PagePlan): Response {
  const headers = new Headers(origin.headers);
  if (plan.setCookie) headers.append("set-cookie", plan.setCookie);
  const rewrites = plan.slots.length > 0;
  markPersonalized(headers, rewrites);
  const response = new Response(origin.body, { status: origin.status, statusText: origin.statusText, headers });
  if (!rewrites) return response;

  const { settings } = plan.ruleset;
  const rewriter = new HTMLRewriter().on("html", new PageLanguage(settings.languages, plan.language));
  for (const slot of plan.slots) {
    const html = () => withDeadline(render(slot, plan), settings.slotDeadlineMs);
    rewriter.on(slot.selector, new SlotHandler(slot.position, html));
  }
  return rewriter.transform(response);
}

async function render(slot: SlotPlan, plan: PagePlan): Promise<string | undefined> {
  try {
    const block = await slot.block();
    if (!block) return undefined;
    const language = plan.language.value;
    return renderBlock(block.rule.template, {
      ruleId: block.rule.id,
      heading: pickCopy(block.rule.heading, language, plan.ruleset.settings.languages),
      items: block.items,
      language,
    });
  } catch (error) {
    log.error("block.failed", { selector: slot.selector, error: describeError(error) });
    return undefined;
  }
}
