/** The floors' handler: appends the fixed block to the first element the slot's selector matches. */
import { FIXED_BLOCK } from "./fixedBlock";

export class AppendOnce implements HTMLRewriterElementContentHandlers {
  #done = false;

  element(element: Element): void {
    if (this.#done) return;
    this.#done = true;
    element.append(FIXED_BLOCK, { html: true });
  }
}
