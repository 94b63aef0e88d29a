/**
 * Fills one slot. The block's decision starts when the slot's start tag is
 * read; a block decided before the page began streaming goes in at once.
 * Otherwise HTMLRewriter pauses the stream only while this handler awaits,
 * so the page before the slot is already on its way; the block's own promise
 * carries the deadline, after which the slot is left as it was.
 *
 * A block for the inside end or the outside end of the slot is inserted at
 * its end tag, so that it comes out of the rewriter straight after being
 * handed over (InsertionLedger finds it there). Every insertion goes through
 * the ledger, which makes it ASCII.
 */
import type { SlotPosition } from "../core/ruleset/compileRuleSet";
import type { InsertionLedger } from "./InsertionLedger";

type Html = string | undefined;

export interface SlotEvents {
  /** The slot exists on this page (a control's exposure counts from here). */
  readonly found: () => void;
  /** The slot needs nothing more from the rest of the page. */
  readonly filled: () => void;
  /** The block has come out of the rewriter, whole. */
  readonly out: () => void;
}

export class SlotHandler implements HTMLRewriterElementContentHandlers {
  #used = false;

  constructor(
    private readonly position: SlotPosition,
    private readonly block: () => Html | Promise<Html>,
    private readonly ledger: InsertionLedger,
    private readonly events: SlotEvents,
  ) {}

  element(element: Element): void | Promise<void> {
    // A selector may match many elements; a rule fills only the first.
    if (this.#used) return;
    this.#used = true;
    this.events.found();
    const html = this.block();
    const { position } = this;
    if (position === "before" || position === "prepend")
      return this.#when(html, (ready) => this.#put(element, position, ready));
    try {
      element.onEndTag((end) =>
        this.#when(html, (ready) => this.#put(end, position === "append" ? "before" : "after", ready)),
      );
    } catch {
      // A void element has no end tag and no inside: a block goes after it, or nowhere.
      if (position === "after") return this.#when(html, (ready) => this.#put(element, "after", ready));
      this.events.filled();
    }
  }

  /** Awaiting costs the stream a pause: only a block still being decided is awaited. */
  #when(html: Html | Promise<Html>, then: (ready: Html) => void): void | Promise<void> {
    return typeof html === "object" ? html.then(then) : then(html);
  }

  #put(target: Element | EndTag, method: "before" | "after" | "prepend", html: Html): void {
    if (html !== undefined) {
      const ascii = this.ledger.insert(html, this.events.out);
      if (method === "prepend") (target as Element).prepend(ascii, { html: true });
      else target[method](ascii, { html: true });
    }
    this.events.filled();
  }
}
