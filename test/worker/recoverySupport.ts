/** What the recovery test files share: the Worker's logs caught, and a count of the pages it said it recovered. */
import { vi } from "vitest";
import type { SlotPosition } from "../../src/core/ruleset/compileRuleSet";
import { InsertionLedger } from "../../src/html/InsertionLedger";
import { type RewriteOptions, rewriteStream } from "../../src/html/rewriteStream";
import { SlotHandler } from "../../src/html/SlotHandler";
import { standardCatalog } from "../support/harness";
import { binary } from "../support/pages";

export const encoder = new TextEncoder();
let warn: ReturnType<typeof vi.spyOn>;

/** Before each test: the Worker's logs caught, the standard catalog. */
export async function quietCatalog(): Promise<void> {
  vi.spyOn(console, "log").mockImplementation(() => {});
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await standardCatalog();
}

/** How many times tact said it recovered a page since the spy was set. */
export const recoveries = () =>
  warn.mock.calls.filter((call: unknown[]) => String(call[0]).includes("page.rewrite-recovered")).length;

/** Runs `task` over `items`, `width` at a time. */
export async function inBatches<T>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map((item, j) => task(item, i + j)));
  }
}

/**
 * `bytes` handed to tact's rewrite in chunks of `size`, with `mark` put at the
 * product page's slot: what came out, as a binary string.
 */
export async function rewrittenInChunks(
  bytes: Uint8Array,
  size: number,
  mark: string,
  { position = "append", limit }: { position?: SlotPosition; limit?: number | null } = {},
): Promise<string> {
  const ledger = new InsertionLedger();
  const slot = new SlotHandler(position, () => mark, ledger, { found() {}, filled() {}, out() {} });
  const rewriter = new HTMLRewriter().on(".product-extras", slot);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  const response = new Response(body, { headers: { "content-type": "text/html" } });
  const options: RewriteOptions = limit === null || limit === undefined ? { ledger } : { ledger, limit };
  return binary(new Uint8Array(await (await rewriteStream(rewriter, response, options)).arrayBuffer()));
}
