/** What the recovery test files share: the Worker's logs caught, and a count of the pages it said it recovered. */
import { vi } from "vitest";
import { standardCatalog } from "../support/harness";

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
