import { vi } from "vitest";

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug";

/** Mutes what tact logs (events, warnings, errors) for tests that do not read it; returns the spies. */
export function quietConsole(methods: readonly ConsoleMethod[] = ["log", "warn", "error"]) {
  return methods.map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
}
