/**
 * The local stack: the demo shop, and tact in front of it, each under
 * `wrangler dev` in workerd, on ports the caller chooses. `tact dev` (npm
 * start) runs it on the usual ports; the browser test and the load run run
 * one beside it on others, so a developer's running `npm start` is left
 * alone. Both Workers read the local KV the caller seeded.
 *
 * Each wrangler runs in a process group of its own, and stopping the stack
 * stops both groups, workerd included, whatever wrangler does with a signal.
 */
import type { ChildProcess } from "node:child_process";
import { ensureFree } from "../shared/ports";
import { spawnWrangler, stopProcessGroup } from "../shared/wrangler";
import { waitForAnswer } from "./waitForAnswer";

export interface LocalStackOptions {
  readonly tactPort: number;
  readonly shopPort: number;
  /** Devtools ports for each Worker; without them wrangler picks its own. */
  readonly inspectorPorts?: { readonly tact: number; readonly shop: number };
  /** Local storage directory (wrangler's .wrangler/state when undefined). */
  readonly persistTo?: string | undefined;
  /** Every line the two wrangler processes print, prefixed with [tact] or [shop]; by default to this process's stdout and stderr. */
  readonly onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  /** How long both may take to answer; 60 s by default. */
  readonly startTimeoutMs?: number;
  /** Aborting it while the stack starts stops whatever has started, and rejects. */
  readonly signal?: AbortSignal;
}

export interface LocalStack {
  readonly tactUrl: string;
  readonly shopUrl: string;
  /** Settles when either wrangler process exits without being asked to. */
  readonly exited: Promise<{ readonly name: string; readonly code: number | null }>;
  /** Stops both wrangler processes and everything they started; safe to call more than once. */
  stop(): Promise<void>;
}

/** Lines kept from each process, to explain a failed start. */
const KEPT_LINES = 30;
/** How long wrangler gets to stop its workerd after SIGTERM before the group is killed. */
const STOP_GRACE_MS = 10_000;

interface Wrangler {
  readonly name: string;
  readonly child: ChildProcess;
  readonly recent: string[];
  /** Settles when the process has exited, whatever the reason. */
  readonly gone: Promise<number | null>;
}

function defaultOutput(line: string, stream: "stdout" | "stderr"): void {
  (stream === "stdout" ? process.stdout : process.stderr).write(`${line}\n`);
}

function startWrangler(name: string, args: readonly string[], options: LocalStackOptions): Wrangler {
  const recent: string[] = [];
  const child = spawnWrangler(args, (line, stream) => {
    const prefixed = `[${name}] ${line}`;
    recent.push(prefixed);
    if (recent.length > KEPT_LINES) recent.shift();
    (options.onOutput ?? defaultOutput)(prefixed, stream);
  });
  const gone = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    // A process that never started (no node binary, say) emits only "error".
    child.once("error", () => resolve(child.exitCode));
  });
  return { name, child, recent, gone };
}

function wranglerArgs(options: LocalStackOptions, shopUrl: string): { shop: string[]; tact: string[] } {
  const { inspectorPorts, persistTo } = options;
  const inspector = (port: number | undefined) => (port === undefined ? [] : ["--inspector-port", String(port)]);
  const persist = persistTo === undefined ? [] : ["--persist-to", persistTo];
  const listen = (port: number) => ["--ip", "127.0.0.1", "--port", String(port)];
  return {
    shop: ["dev", "-c", "demo/wrangler.toml", ...listen(options.shopPort), ...inspector(inspectorPorts?.shop)],
    tact: [
      "dev",
      ...listen(options.tactPort),
      ...inspector(inspectorPorts?.tact),
      ...persist,
      "--var",
      `ORIGIN_URL:${shopUrl}`,
    ],
  };
}

/** Resolves once both answer; on failure, stops both and rejects with their last lines of output. */
async function whenReady(processes: readonly Wrangler[], urls: readonly string[], options: LocalStackOptions) {
  const signal = options.signal ?? new AbortController().signal;
  const starting = new AbortController();
  const onAbort = () => starting.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const ready = Promise.all(urls.map((url) => waitForAnswer(url, deadline, starting.signal))).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const firstExit = Promise.race(processes.map(async ({ name, gone }) => ({ name, code: await gone })));
  const early = firstExit.then(({ name, code }) => new Error(`the ${name} wrangler process exited with ${code}`));
  const failure = await Promise.race([ready, early]);
  signal.removeEventListener("abort", onAbort);
  starting.abort();
  return { failure, firstExit, aborted: signal.aborted ? (signal.reason as unknown) : undefined };
}

/** Starts the shop and tact, and resolves once both answer. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  await ensureFree(options.shopPort);
  await ensureFree(options.tactPort);
  options.signal?.throwIfAborted();
  const shopUrl = `http://127.0.0.1:${options.shopPort}`;
  const tactUrl = `http://127.0.0.1:${options.tactPort}`;
  const args = wranglerArgs(options, shopUrl);
  const processes = [startWrangler("shop", args.shop, options), startWrangler("tact", args.tact, options)];
  let stopping: Promise<void> | undefined;
  let asked = false;
  const stopBoth = () =>
    (stopping ??= Promise.all(processes.map(({ child }) => stopProcessGroup(child, STOP_GRACE_MS))).then(() => {}));

  const { failure, firstExit, aborted } = await whenReady(
    processes,
    [`${shopUrl}/robots.txt`, `${tactUrl}/__tact/health`],
    options,
  );
  // When one exits by itself, the other goes too: half a stack is no use.
  void firstExit.then(stopBoth);
  if (failure) {
    await stopBoth();
    if (aborted !== undefined) throw aborted;
    const output = processes.flatMap((p) => p.recent).join("\n");
    throw new Error(`${failure.message} while starting the local stack; its last output:\n${output}`, {
      cause: failure,
    });
  }
  return {
    tactUrl,
    shopUrl,
    // Only an exit nobody asked for is reported; after stop() this never settles.
    exited: firstExit.then((first) => (asked ? new Promise<never>(() => {}) : first)),
    stop: () => {
      asked = true;
      return stopBoth();
    },
  };
}
