/**
 * Streams the origin's page through HTMLRewriter with one handler per slot.
 * Each slot awaits its block (with the ruleset's deadline) only when the
 * parser reaches it; the page before it is already on its way. Once every
 * slot is filled, the rest of the page streams on unread. Exposures are the
 * blocks that came out into the page (and the controls whose slot was
 * found), known once the rewriting is over.
 */
import type { TactEvent } from "../core/decide/TactEvent";
import { describeError, log } from "../edges/log";
import { pickCopy } from "../core/decide/pickCopy";
import { markPersonalized } from "../edges/http/markPersonalized";
import { InsertionLedger } from "./InsertionLedger";
import { PageHead } from "./PageHead";
import { declaresCharset } from "./pageCharset";
import { PreviewBanner } from "./PreviewBanner";
import { rewriteStream } from "./rewriteStream";
import { SlotHandler } from "./SlotHandler";
import { renderBlock } from "./renderBlock";
import type { Block } from "../core/decide/decideBlock";
import { exposures as exposuresOf } from "../core/decide/pageEvents";
import type { PageRender, SlotRender } from "./PageRender";
import { withDeadline } from "../edges/http/withDeadline";

export interface Personalized {
  readonly response: Response;
  /** Resolves, once the page has been streamed, to the exposures it made. */
  readonly exposures: Promise<TactEvent[]>;
}

export async function personalizeResponse(origin: Response, plan: PageRender): Promise<Personalized> {
  const headers = new Headers(origin.headers);
  if (plan.setCookie) headers.append("set-cookie", plan.setCookie);
  const rewrites = plan.slots.length > 0 || plan.preview !== undefined;
  markPersonalized(headers, rewrites);
  const response = new Response(origin.body, { status: origin.status, statusText: origin.statusText, headers });
  if (!rewrites) return { response, exposures: Promise.resolve([]) };

  const { settings } = plan.ruleset;
  const ledger = new InsertionLedger();
  /** Slots found on the page, and whether their block came out. */
  const found = new Map<SlotRender, { out: boolean }>();
  let settled: () => void = () => {};
  const over = new Promise<void>((resolve) => (settled = resolve));
  const rewriter = new HTMLRewriter();
  let unfilled = plan.slots.length;
  for (const slot of plan.slots) {
    const { decided } = slot;
    const html = decided
      ? () => renderDecided(decided.block, slot, plan)
      : () => withDeadline(render(slot, plan), settings.slotDeadlineMs);
    const seen = { out: false };
    const events = {
      found: () => found.set(slot, seen),
      filled: () => (unfilled -= 1),
      out: () => (seen.out = true),
    };
    rewriter.on(slot.selector, new SlotHandler(slot.position, html, ledger, events));
  }
  if (plan.preview) rewriter.on("body", new PreviewBanner(plan.preview, ledger, plan.explain));
  const contentType = origin.headers.get("content-type") ?? "";
  const head = new PageHead(settings.languages, plan.language, declaresCharset(contentType));
  const rewritten = await rewriteStream(rewriter, response, {
    length: bodyLength(origin.headers),
    // Blocks decided before the page began: no handler waits, the page may be rewritten in one go.
    whole: plan.slots.every((slot) => slot.decided !== undefined),
    ledger,
    // The preview banner goes at the end of <body>: with it, the page is rewritten to its end.
    ...(plan.preview ? {} : { finished: () => unfilled === 0 }),
    admit: (chunk) => head.read(chunk),
    onSettled: () => settled(),
  });
  const exposures = over.then(async () => {
    if (found.size === 0) return [];
    const slots = [...found.keys()];
    const blocks = await Promise.all(slots.map((slot) => slot.block()));
    // A block counts only if it is in the page; a control's measurement, once its slot was found.
    const inPage = blocks.filter(
      (block, i): block is Block =>
        block !== undefined && (!block.shown || found.get(slots[i] as SlotRender)?.out === true),
    );
    return exposuresOf(inPage, plan.exposure);
  });
  return { response: rewritten, exposures };
}

async function render(slot: SlotRender, plan: PageRender): Promise<string | undefined> {
  let block: Block | undefined;
  try {
    block = await slot.block();
  } catch (error) {
    log.error("block.failed", { selector: slot.selector, error: describeError(error) });
    return undefined;
  }
  return renderDecided(block, slot, plan);
}

function renderDecided(block: Block | undefined, slot: SlotRender, plan: PageRender): string | undefined {
  if (!block?.shown) return undefined;
  try {
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

/** The body's length as the origin gave it, when the runtime hands the body on as sent (not decoded). */
function bodyLength(headers: Headers): number | undefined {
  const length = headers.get("content-length");
  const coding = headers.get("content-encoding")?.trim() ?? "";
  if (length === null || !/^\d{1,9}$/.test(length) || (coding !== "" && coding !== "identity")) return undefined;
  return Number(length);
}
