/**
 * Fills one slot. A block decided before the page began streaming goes in
 * at once. Otherwise HTMLRewriter pauses the stream only while this handler
 * awaits, so the page before the slot is already on its way; the block's own
 * promise carries the deadline, after which the slot is left as it was.
 */
import type { SlotPosition } from "../rules/compileRuleSet";

export class SlotHandler implements HTMLRewriterElementContentHandlers {
  #used = false;

  constructor(
    private readonly position: SlotPosition,
    private readonly block: () => string | undefined | Promise<string | undefined>,
    /** Told that the slot exists on this page (for exposure events). */
    private readonly found: () => void,
  ) {}

  element(element: Element): void | Promise<void> {
    // A selector may match many elements; a rule fills only the first.
    if (this.#used) return;
    this.#used = true;
    this.found();
    const html = this.block();
    // Awaiting costs the stream a pause: only a block still being decided is awaited.
    if (typeof html !== "object") return this.#insert(element, html);
    return html.then((late) => this.#insert(element, late));
  }

  #insert(element: Element, html: string | undefined): void {
    if (html !== undefined) element[this.position](html, { html: true });
  }
}
