/**
 * Fills one slot. HTMLRewriter pauses the stream only while this handler
 * awaits, so the page before the slot is already on its way; the block's own
 * promise carries the deadline, after which the slot is left as it was.
 */
import type { SlotPosition } from "../rules/compileRuleSet";

export class SlotHandler implements HTMLRewriterElementContentHandlers {
  #used = false;

  constructor(
    private readonly position: SlotPosition,
    private readonly block: () => Promise<string | undefined>,
    /** Told that the slot exists on this page (for exposure events). */
    private readonly found: () => void,
  ) {}

  async element(element: Element): Promise<void> {
    // A selector may match many elements; a rule fills only the first.
    if (this.#used) return;
    this.#used = true;
    this.found();
    const html = await this.block();
    if (html !== undefined) element[this.position](html, { html: true });
  }
}
