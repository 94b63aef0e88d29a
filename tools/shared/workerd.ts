/**
 * The one way tools start a Worker in workerd outside `wrangler dev`: through
 * Miniflare, on 127.0.0.1, with the compatibility settings the caller read
 * from the Worker's config. The rules CLI's validator runs in it, and so does
 * each bench contender, which also needs its workerd's pid to read CPU and
 * memory: `trackPid` finds the one new workerd child this start made.
 * Miniflare is loaded only when a Worker starts, so commands that start none
 * stay quick.
 */
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Json, Miniflare, WorkerOptions } from "miniflare";
import { childProcesses } from "./procStats";

export interface WorkerdOptions {
  /** The module's source, or the path of a built bundle (whose folder is its modules' root). */
  readonly script: { readonly source: string } | { readonly path: string };
  readonly compatibilityDate: string;
  readonly compatibilityFlags?: readonly string[];
  readonly bindings?: Record<string, Json>;
  readonly kvNamespaces?: readonly string[];
  readonly analyticsEngineDatasets?: Record<string, { dataset: string }>;
  /** What Cloudflare would attach to each request as `request.cf`. */
  readonly cf?: Record<string, unknown>;
  /** Serve HTTP on a free port of 127.0.0.1 (otherwise only dispatchFetch reaches it). */
  readonly listen?: boolean;
  /** Open V8's inspector on this port. */
  readonly inspectorPort?: number;
  /** workerd's stdout and stderr go to this file (otherwise to nowhere). */
  readonly logFile?: string;
  /** Find the workerd process this start made, for CPU and memory readings. */
  readonly trackPid?: boolean;
}

export interface RunningWorkerd {
  readonly miniflare: Miniflare;
  /** Where it listens; undefined without `listen`. */
  readonly url: URL | undefined;
  /** Its workerd process, with `trackPid`. */
  readonly pid: number | undefined;
  dispose(): Promise<void>;
}

/** The compatibility date a wrangler.toml sets, for starts that need nothing else of it. */
export async function compatibilityDateOf(config: string | URL): Promise<string> {
  const text = await readFile(config, "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  if (!date) throw new Error(`${String(config)} has no compatibility_date`);
  return date;
}

function workerOptions(options: WorkerdOptions): WorkerOptions {
  const script =
    "source" in options.script
      ? { script: options.script.source }
      : { scriptPath: options.script.path, modulesRoot: dirname(options.script.path) };
  return {
    modules: true,
    ...script,
    compatibilityDate: options.compatibilityDate,
    compatibilityFlags: [...(options.compatibilityFlags ?? [])],
    bindings: options.bindings ?? {},
    kvNamespaces: [...(options.kvNamespaces ?? [])],
    analyticsEngineDatasets: options.analyticsEngineDatasets ?? {},
  };
}

export async function startWorkerd(options: WorkerdOptions): Promise<RunningWorkerd> {
  const { Miniflare } = await import("miniflare");
  const before = options.trackPid ? new Set(childProcesses(process.pid, "workerd")) : undefined;
  const log = options.logFile === undefined ? undefined : createWriteStream(options.logFile);
  const miniflare = new Miniflare({
    ...workerOptions(options),
    ...(options.listen ? { host: "127.0.0.1", port: 0 } : {}),
    ...(options.cf ? { cf: options.cf } : {}),
    ...(options.inspectorPort === undefined ? {} : { inspectorPort: options.inspectorPort }),
    ...(log
      ? {
          handleRuntimeStdio(stdout, stderr) {
            stdout.pipe(log, { end: false });
            stderr.pipe(log, { end: false });
          },
        }
      : {}),
  });
  const url = await miniflare.ready;
  const dispose = async () => {
    await miniflare.dispose();
    log?.end();
  };
  let pid: number | undefined;
  if (before) {
    const started = childProcesses(process.pid, "workerd").filter((found) => !before.has(found));
    if (started.length !== 1) {
      await dispose();
      throw new Error(`expected one new workerd process, found ${started.length}`);
    }
    pid = started[0];
  }
  return { miniflare, url: options.listen ? url : undefined, pid, dispose };
}
