/**
 * One signal stops everything. `npm start` puts npm and a shell between the
 * terminal and this process: npm passes SIGINT and SIGTERM on to the shell,
 * which dies of them without passing them on, and SIGHUP to npm reaches
 * nobody. So besides its own SIGINT, SIGTERM and SIGHUP, the command watches
 * its parent: when the process that started it is gone, it stops too.
 */

/** How often the parent is looked at; a stop is at most this late. */
const PARENT_CHECK_MS = 500;

export type StopReason = NodeJS.Signals | "parent gone";

/**
 * Calls `stop` once, on the first of SIGINT, SIGTERM, SIGHUP or the parent's
 * exit. A second signal while stopping exits at once with 130. Returns a
 * function that removes the handlers.
 */
export function stopOnSignals(stop: (reason: StopReason) => void): () => void {
  let stopped = false;
  const parent = process.ppid;
  const once = (reason: StopReason) => {
    if (stopped) {
      if (reason !== "parent gone") process.exit(130);
      return;
    }
    stopped = true;
    stop(reason);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = signals.map((signal) => [signal, () => once(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  const watch = setInterval(() => {
    if (process.ppid !== parent) once("parent gone");
  }, PARENT_CHECK_MS);
  watch.unref();
  return () => {
    clearInterval(watch);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
