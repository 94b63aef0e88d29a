import { afterEach, describe, expect, it, vi } from "vitest";
import { withDeadline } from "../../src/edges/http/withDeadline";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("withDeadline", () => {
  it("gives a settled promise's value without setting a timer", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    const settled = Promise.resolve("ready");
    await settled;
    expect(await withDeadline(settled, 50)).toBe("ready");
    expect(timers).not.toHaveBeenCalled();
  });

  it("waits for a pending promise until the deadline", async () => {
    let resolve: (value: string) => void = () => {};
    const later = new Promise<string>((r) => (resolve = r));
    const waiting = withDeadline(later, 1000);
    resolve("late but in time");
    expect(await waiting).toBe("late but in time");
    expect(await withDeadline(new Promise<string>(() => {}), 5)).toBeUndefined();
  });

  it("passes a rejection on", async () => {
    await expect(withDeadline(Promise.reject(new Error("no")), 50)).rejects.toThrow("no");
  });
});
