/**
 * A small banner at the end of <body> while a preview is active, with a
 * button that leaves it. Inline styles keep it out of the shop's CSS; if the
 * shop's CSP forbids them, the banner is plain but still there.
 */
import { escapeHtml } from "./renderBlock";

export class PreviewBanner implements HTMLRewriterElementContentHandlers {
  constructor(private readonly preview: { rule: string; variant: string }) {}

  element(element: Element): void {
    const label = `Preview: ${escapeHtml(this.preview.rule)} · ${escapeHtml(this.preview.variant)}`;
    element.append(
      `<div data-tact-preview role="status" style="position:fixed;right:12px;bottom:12px;z-index:2147483647;` +
        `background:#222;color:#fff;font:12px/1.4 system-ui,sans-serif;padding:6px 10px;border-radius:6px;opacity:.9">` +
        `${label} <form method="post" action="/__tact/preview/exit" style="display:inline;margin:0">` +
        `<button type="submit" style="font:inherit;margin-left:6px;cursor:pointer">Leave preview</button></form></div>`,
      { html: true },
    );
  }
}
