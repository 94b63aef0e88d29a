/**
 * Fills one slot. A block decided before the page began streaming goes in
 * at once. Otherwise HTMLRewriter pauses the stream only while this handler
 * awaits, so the page before the slot is already on its way; the block's own
 * promise carries the deadline, after which the slot is left as it was.
 *
 * Once the slot is filled (or left as it was) the handler says so, and when
 * every slot on a page has, the rest of the page needs no rewriting. A block
 * placed at the slot's end or after it is in only once its end tag is read.
 */
import type { SlotPosition } from "../rules/compileRuleSet";

export class SlotHandler implements HTMLRewriterElementContentHandlers {
  #used = false;

  constructor(
    private readonly position: SlotPosition,
    private readonly block: () => string | undefined | Promise<string | undefined>,
    /** Told that the slot exists on this page (for exposure events). */
    private readonly found: () => void,
    /** Told that the slot needs nothing more from the rest of the page. */
    private readonly filled: () => void = () => {},
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
    if (html === undefined) return this.filled();
    element[this.position](html, { html: true });
    if (this.position === "before" || this.position === "prepend") return this.filled();
    try {
      element.onEndTag(() => this.filled());
    } catch {
      // An element without an end tag (a void one): the page is rewritten to its end.
    }
  }
}
