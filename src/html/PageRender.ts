/**
 * What the streaming rewrite needs of a page view: each slot with its block
 * (decided already, or still being decided), the cookie to set, the copy
 * language, a preview's banner (and explanation), and for whom exposures count.
 */
import type { Block } from "../core/decide/decideBlock";
import type { ExposureContext } from "../core/decide/pageEvents";
import type { PageTrace } from "../core/decide/explainPage";
import type { Preview } from "../core/decide/PageView";
import type { CompiledRuleSet, SlotPosition } from "../core/ruleset/compileRuleSet";

export interface SlotRender {
  readonly selector: string;
  readonly position: SlotPosition;
  /** The block, when it was decided before the page began to stream. */
  readonly decided?: { readonly block: Block | undefined };
  /** The block, decided or on its way (the slot waits for it at most settings.slotDeadlineMs). */
  readonly block: () => Promise<Block | undefined>;
}

export interface PageRender {
  readonly ruleset: CompiledRuleSet;
  readonly slots: readonly SlotRender[];
  /** Undefined when the browser's cookie is right as it is (or there is none to keep). */
  readonly setCookie: string | undefined;
  /** The copy language; the page's own `lang` may still change it while streaming. */
  readonly language: { value: string };
  readonly preview: Preview | undefined;
  /** Only for a preview whose signed link asked for it: why the page shows what it shows. */
  readonly explain?: (() => Promise<PageTrace>) | undefined;
  readonly exposure: ExposureContext;
}
