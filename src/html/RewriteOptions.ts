/** How rewriteStream feeds the rewriter, and whom it tells what. */
import type { InsertionLedger } from "./InsertionLedger";

/** Bytes the rewriter may hold back (a start tag being read) before feeding stops. */
export const MAX_HELD_BYTES = 1024 * 1024;

export interface RewriteOptions {
  /** Records the blocks the rewriter's handlers insert. */
  readonly ledger: InsertionLedger;
  /** Whether the rewriter has nothing left to do: the rest of the page then streams on unread. */
  readonly finished?: () => boolean;
  /** Shown each chunk, in order, before the rewriter reads it; false ends the rewriting before it. */
  readonly admit?: (chunk: Uint8Array) => boolean;
  /** Told once the rewriting is over: every block that will be in the page is in it. */
  readonly onSettled?: () => void;
  /** Bytes the rewriter may hold back before feeding stops; MAX_HELD_BYTES by default. */
  readonly limit?: number;
  /**
   * The body's length, when the origin said so and the runtime hands the
   * body on as sent; with `whole`, a page of up to READ_BYTES that has all
   * arrived at the first read is rewritten in one go.
   */
  readonly length?: number | undefined;
  /** No handler will wait for anything: the page can be rewritten in one go. */
  readonly whole?: boolean;
}

/** Why feeding the rewriter stopped before the end of the page. */
export type Stop = "finished" | "refused" | "held" | "origin-error";
