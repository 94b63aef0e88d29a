/**
 * One page view as the core sees it: plain data the edge gathered from the
 * request, the cookie and the clock, before any decision is made.
 */
import type { PageContext } from "./classifyPage";
import type { RequestFacts } from "./RequestFacts";

/** A rule and variant a tester forced for this browser (a signed preview link). */
export interface Preview {
  readonly rule: string;
  readonly variant: string;
  /** The link asked for the overlay that says why each block is there (testers only). */
  readonly explain?: true | undefined;
}

export interface PageView {
  readonly url: URL;
  /** Epoch seconds. */
  readonly now: number;
  readonly page: PageContext;
  /** The language copy is shown in (the page's own `lang` may change it while streaming). */
  readonly language: string;
  readonly request: RequestFacts;
  readonly preview: Preview | undefined;
}
