/**
 * A small banner at the end of <body> while a preview is active, with a
 * button that leaves it. Inline styles keep it out of the shop's CSS; if the
 * shop's CSP forbids them, the banner is plain but still there. It goes in
 * at </body>, through the ledger like any block.
 */
import type { InsertionLedger } from "./InsertionLedger";
import { escapeHtml } from "./escapeHtml";

export class PreviewBanner implements HTMLRewriterElementContentHandlers {
  constructor(
    private readonly preview: { rule: string; variant: string },
    private readonly ledger: InsertionLedger,
  ) {}

  element(element: Element): void {
    const label = `Preview: ${escapeHtml(this.preview.rule)} · ${escapeHtml(this.preview.variant)}`;
    const banner =
      `<div data-tact-preview role="status" style="position:fixed;right:12px;bottom:12px;z-index:2147483647;` +
      `background:#222;color:#fff;font:12px/1.4 system-ui,sans-serif;padding:6px 10px;border-radius:6px;opacity:.9">` +
      `${label} <form method="post" action="/__tact/preview/exit" style="display:inline;margin:0">` +
      `<button type="submit" style="font:inherit;margin-left:6px;cursor:pointer">Leave preview</button></form></div>`;
    try {
      element.onEndTag((end) => {
        end.before(this.ledger.insert(banner), { html: true });
      });
    } catch {
      // A <body> with no end tag to come: no banner rather than one that would not be counted.
    }
  }
}
