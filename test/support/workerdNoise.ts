/**
 * Keeps workerd's log lines that a passing run always prints, and that say
 * nothing about tact, out of the test output. The Workers pool writes every
 * line workerd logs straight to this process's stdout or stderr (skipping a
 * few it knows are harmless; the version pinned here does not yet skip the
 * WebSocket one, which later versions of the pool do). Only a whole write that
 * is a workerd log line carrying one of the messages below is dropped: test
 * results, failures and every other workerd line still come through.
 */

/** The exact messages, each with where it comes from in a passing run. */
export const HARMLESS_WORKERD_MESSAGES = [
  // The pool's own socket to its runner, closed when a run or a file ends.
  "disconnected: WebSocket peer disconnected",
  // faults.test.ts, "an origin that breaks off mid-body": the test origin cuts its gzip stream
  // half-way on purpose, and the test asserts that the browser sees the break.
  "jsg.TypeError: Gzip compressed stream ended prematurely.",
  "disconnected: stream disconnected prematurely",
  "disconnected: pump canceled",
  // faults.test.ts: pages fetched without waiting for their background work, so that a KV that
  // never answers cannot hold the test; the runtime drops that work, and Miniflare's KV says so.
  "TypeError: Can't read from request stream because client disconnected.",
  // The test origin closes a keep-alive connection the runtime then reuses (see keepOriginWarm).
  "Error: Network connection lost.",
];

/** How workerd's log lines begin, as the pool prints them. */
const WORKERD_LINE = /^(?:exception = |uncaught exception; )/;

export function isHarmlessWorkerdLine(chunk: string): boolean {
  return WORKERD_LINE.test(chunk) && HARMLESS_WORKERD_MESSAGES.some((message) => chunk.includes(message));
}

type Write = typeof process.stdout.write;

function filtered(write: Write): Write {
  return function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === "string" && isHarmlessWorkerdLine(chunk)) {
      // Keep the stream's contract: a callback, if one was given, still runs.
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      done?.();
      return true;
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Write;
}

let installed = false;

/** Filters this process's stdout and stderr; once, however often the config is loaded. */
export function quietHarmlessWorkerdLines(): void {
  if (installed) return;
  installed = true;
  process.stdout.write = filtered(process.stdout.write);
  process.stderr.write = filtered(process.stderr.write);
}
