/**
 * A small banner at the end of <body> while a preview is active, with a
 * button that leaves it. Inline styles keep it out of the shop's CSS; if the
 * shop's CSP forbids them, the banner is plain but still there. It goes in
 * at </body>, through the ledger like any block. A preview whose signed link
 * asked for it also gets the "Why did I see this?" panel, once the page's
 * slots are decided; if the explanation fails, the banner goes in alone.
 */
import type { PageTrace } from "../core/decide/explainPage";
import { describeError, log } from "../edges/log";
import { explainPanel } from "./explainPanel";
import type { InsertionLedger } from "./InsertionLedger";
import { escapeHtml } from "./escapeHtml";

export class PreviewBanner implements HTMLRewriterElementContentHandlers {
  constructor(
    private readonly preview: { rule: string; variant: string },
    private readonly ledger: InsertionLedger,
    private readonly explain?: () => Promise<PageTrace>,
  ) {}

  private async panel(): Promise<string> {
    if (!this.explain) return "";
    try {
      return explainPanel(await this.explain());
    } catch (error) {
      log.error("explain.failed", { error: describeError(error) });
      return "";
    }
  }

  element(element: Element): void {
    const label = `Preview: ${escapeHtml(this.preview.rule)} · ${escapeHtml(this.preview.variant)}`;
    const banner =
      `<div data-tact-preview role="status" style="position:fixed;right:12px;bottom:12px;z-index:2147483647;` +
      `background:#222;color:#fff;font:12px/1.4 system-ui,sans-serif;padding:6px 10px;border-radius:6px;opacity:.9">` +
      `${label} <form method="post" action="/__tact/preview/exit" style="display:inline;margin:0">` +
      `<button type="submit" style="font:inherit;margin-left:6px;cursor:pointer">Leave preview</button></form></div>`;
    try {
      element.onEndTag(async (end) => {
        end.before(this.ledger.insert((await this.panel()) + banner), { html: true });
      });
    } catch {
      // A <body> with no end tag to come: no banner rather than one that would not be counted.
    }
  }
}
