/**
 * Runs one built Worker in its own workerd process (tools/shared/workerd),
 * with the compatibility settings, vars and KV namespaces its wrangler config
 * declares, and the pid of that process, so its CPU and memory can be read.
 * One process per contender keeps their figures apart.
 */
import type { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { startWorkerd } from "../../tools/shared/workerd";

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
  const running = await startWorkerd({
    script: { path: options.script },
    compatibilityDate: workerOptions.compatibilityDate ?? "",
    compatibilityFlags: workerOptions.compatibilityFlags ?? [],
    bindings: { ...(workerOptions.bindings ?? {}), ...options.bindings },
    kvNamespaces: Object.keys(workerOptions.kvNamespaces ?? {}),
    analyticsEngineDatasets: { ...(workerOptions.analyticsEngineDatasets ?? {}), ...options.analyticsEngine },
    cf: CF,
    listen: true,
    logFile: options.logFile,
    trackPid: true,
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
  });
  const { url, pid } = running;
  if (url === undefined || pid === undefined) throw new Error(`${options.script} started without a URL or a pid`);
  return { url, pid, miniflare: running.miniflare, dispose: running.dispose };
}
