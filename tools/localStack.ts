/**
 * The local stack: the demo shop, and tact in front of it, each under
 * `wrangler dev` in workerd, on ports the caller chooses. `npm start` runs it
 * on the usual ports; the browser test runs a second one beside it on others,
 * so a developer's running `npm start` is left alone. Both read the local KV
 * under .wrangler/state, seeded here first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { seedLocalKv } from "./seed";
import { wranglerBin, wranglerEnv } from "./wrangler";

export interface LocalStackOptions {
  readonly tactPort: number;
  readonly shopPort: number;
  /** Devtools ports for each Worker; without them wrangler picks its own. */
  readonly inspectorPorts?: { readonly tact: number; readonly shop: number };
  /**
   * Receives every line the two wrangler processes print. By default lines go
   * to this process's stdout and stderr, prefixed with [tact] or [shop].
   */
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
  /** Stops both wrangler processes and their workerd; safe to call more than once. */
  stop(): Promise<void>;
}

/** Lines kept from each process, to explain a failed start. */
const KEPT_LINES = 30;
/** How long wrangler gets to stop workerd after SIGTERM before it is killed. */
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

function runWrangler(name: string, args: readonly string[], onOutput: LocalStackOptions["onOutput"]): Wrangler {
  const child = spawn(process.execPath, [wranglerBin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: wranglerEnv,
  });
  const recent: string[] = [];
  const forward = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      const prefixed = `[${name}] ${line}`;
      recent.push(prefixed);
      if (recent.length > KEPT_LINES) recent.shift();
      (onOutput ?? defaultOutput)(prefixed, stream);
    }
  };
  child.stdout?.on("data", forward("stdout"));
  child.stderr?.on("data", forward("stderr"));
  const gone = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    // A process that never started (no node binary, say) emits only "error".
    child.once("error", () => resolve(child.exitCode));
  });
  return { name, child, recent, gone };
}

/** Refuses a port that something already listens on, instead of testing that something. */
function ensureFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} is already in use (another npm start, or a stack left running?)`)
          : error,
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function waitFor(url: string, deadline: number, signal: AbortSignal): Promise<void> {
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    try {
      // Any answer will do: it means workerd is up and routing to the Worker.
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
      await response.body?.cancel();
      return;
    } catch {
      signal.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer in time`);
}

async function stopAll(processes: readonly Wrangler[]): Promise<void> {
  await Promise.all(
    processes.map(async ({ child, gone }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // wrangler's launcher passes SIGTERM on to wrangler, which stops its workerd.
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), STOP_GRACE_MS)));
      if ((await Promise.race([gone, late])) === "late") child.kill("SIGKILL");
      clearTimeout(timer);
      await gone;
    }),
  );
}

/**
 * Seeds local KV, starts the shop and tact, and resolves once both answer.
 * If either fails to start, both are stopped and the error carries their last
 * lines of output.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { tactPort, shopPort, inspectorPorts, onOutput } = options;
  const signal = options.signal ?? new AbortController().signal;
  await ensureFree(shopPort);
  await ensureFree(tactPort);
  await seedLocalKv();
  signal.throwIfAborted();

  const shopUrl = `http://127.0.0.1:${shopPort}`;
  const tactUrl = `http://127.0.0.1:${tactPort}`;
  const inspector = (port: number | undefined) => (port === undefined ? [] : ["--inspector-port", String(port)]);
  const processes = [
    runWrangler(
      "shop",
      [
        "dev",
        "-c",
        "demo/wrangler.toml",
        "--ip",
        "127.0.0.1",
        "--port",
        String(shopPort),
        ...inspector(inspectorPorts?.shop),
      ],
      onOutput,
    ),
    runWrangler(
      "tact",
      [
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(tactPort),
        ...inspector(inspectorPorts?.tact),
        "--var",
        `ORIGIN_URL:${shopUrl}`,
      ],
      onOutput,
    ),
  ];

  let stopping: Promise<void> | undefined;
  let asked = false;
  const stopBoth = () => (stopping ??= stopAll(processes));
  const firstExit = Promise.race(processes.map(async ({ name, gone }) => ({ name, code: await gone })));
  // When one exits by itself, the other goes too: half a stack is no use.
  void firstExit.then(stopBoth);

  const starting = new AbortController();
  const onAbort = () => starting.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const ready = Promise.all([
    waitFor(`${shopUrl}/robots.txt`, deadline, starting.signal),
    waitFor(`${tactUrl}/__tact/health`, deadline, starting.signal),
  ]).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const early = firstExit.then(({ name, code }) => new Error(`the ${name} wrangler process exited with ${code}`));
  const failure = await Promise.race([ready, early]);
  signal.removeEventListener("abort", onAbort);
  if (failure) {
    starting.abort();
    await stopBoth();
    if (signal.aborted) throw signal.reason;
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
