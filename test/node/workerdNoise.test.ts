import { describe, expect, it } from "vitest";
import { HARMLESS_WORKERD_MESSAGES, isHarmlessWorkerdLine } from "../support/workerdNoise";

describe("the filter on workerd's harmless lines", () => {
  it("drops workerd's log lines that carry a known message, with their stack", () => {
    expect(
      isHarmlessWorkerdLine("exception = workerd/api/web-socket.c++:821: disconnected: WebSocket peer disconnected\n"),
    ).toBe(true);
    expect(
      isHarmlessWorkerdLine(
        "uncaught exception; exception = workerd/jsg/value.h:1480: failed: jsg.TypeError: Gzip compressed stream ended prematurely.\nstack: workerd@3114727\n",
      ),
    ).toBe(true);
    for (const message of HARMLESS_WORKERD_MESSAGES) {
      expect(isHarmlessWorkerdLine(`exception = ${message}\n`), message).toBe(true);
    }
  });

  it("keeps every other workerd line, and anything else that quotes a known message", () => {
    expect(isHarmlessWorkerdLine("uncaught exception; source = Uncaught (in promise); stack = TypeError: x\n")).toBe(
      false,
    );
    expect(isHarmlessWorkerdLine("exception = kj/async-io.c++:60: failed: something else\n")).toBe(false);
    // A failed test's report that quotes the same words is still printed.
    expect(isHarmlessWorkerdLine(" FAIL  test/worker/faults.test.ts > Error: Network connection lost.\n")).toBe(false);
  });
});
