import { afterEach, beforeEach, vi } from "vitest";
import { standardCatalog } from "./harness";

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug";

/** Mutes what tact logs (events, warnings, errors) for tests that do not read it; returns the spies. */
export function quietConsole(methods: readonly ConsoleMethod[] = ["log", "warn", "error"]) {
  return methods.map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
}

/** Each test of the file: tact's logs muted and the standard catalog in KV; the spies restored after it. */
export function quietTestsWithCatalog(): void {
  beforeEach(async () => {
    quietConsole(["log", "warn"]);
    await standardCatalog();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}
