/**
 * Runs one built Worker in its own workerd process through Miniflare, on
 * 127.0.0.1, with the compatibility settings, vars and KV namespaces its
 * wrangler config declares, and finds that process so its CPU and memory can
 * be read. One process per contender keeps their figures apart.
 */
import { createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { childProcesses } from "../measure/procStats";

export interface WorkerOptions {
  /** The bundle wrangler built. */
  readonly script: string;
  /** The wrangler config it was built from. */
  readonly config: string;
  /** Vars and secrets on top of (or instead of) the config's. */
  readonly bindings: Record<string, string>;
  /** workerd's stdout and stderr go here. */
  readonly logFile: string;
  /** Analytics Engine datasets on top of the config's (binding name to dataset). */
  readonly analyticsEngine?: Record<string, { dataset: string }>;
  /** Opens V8's inspector on this port (for bench/profile.ts). */
  readonly inspectorPort?: number;
}

export interface RunningWorker {
  readonly url: URL;
  readonly pid: number;
  readonly miniflare: Miniflare;
  dispose(): Promise<void>;
}

/** What Cloudflare would attach to the request; tact reads country and time zone. */
const CF = { country: "IT", timezone: "Europe/Rome", colo: "MXP", city: "Milan", continent: "EU" };

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(options.config);
  const before = new Set(childProcesses(process.pid, "workerd"));
  const log = createWriteStream(options.logFile);
  const miniflare = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: options.script,
    modulesRoot: dirname(options.script),
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags ?? [],
    bindings: { ...(workerOptions.bindings ?? {}), ...options.bindings },
    kvNamespaces: Object.keys(workerOptions.kvNamespaces ?? {}),
    cf: CF,
    analyticsEngineDatasets: { ...(workerOptions.analyticsEngineDatasets ?? {}), ...options.analyticsEngine },
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
    handleRuntimeStdio(stdout, stderr) {
      stdout.pipe(log, { end: false });
      stderr.pipe(log, { end: false });
    },
  });
  const url = await miniflare.ready;
  const started = childProcesses(process.pid, "workerd").filter((pid) => !before.has(pid));
  const [pid] = started;
  if (pid === undefined || started.length > 1) {
    await miniflare.dispose();
    throw new Error(`expected one new workerd process for ${options.script}, found ${started.length}`);
  }
  return {
    url,
    pid,
    miniflare,
    async dispose() {
      await miniflare.dispose();
      log.end();
    },
  };
}
