/**
 * Where tact's CPU goes: runs the bench's tact (catalog reads from memory)
 * in workerd with V8's inspector open, loads one page with the bench's rich
 * shopper for a few seconds while the sampling profiler runs, and prints the
 * functions with the most self time, grouped by source file.
 *
 *   npm run bench:profile                      the home page, 5 s
 *   npm run bench:profile -- --page product --seconds 10 --connections 1
 *   npm run bench:profile -- --no-match        with no rule for the page
 *
 * The full profile is written to bench/out/tact.cpuprofile (open it in
 * Chrome's DevTools, Performance panel).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { WebSocket } from "ws";
import { buildBundle } from "./contenders/buildBundle";
import { startWorker } from "./contenders/startWorker";
import { seedTact, tactData } from "./contenders/tactData";
import { loadRun } from "../tools/shared/loadRun";
import { pageNamed } from "./origin/benchPages";
import { startOrigin } from "./origin/startOrigin";
import { freePort } from "../tools/shared/ports";

const root = new URL("../", import.meta.url).pathname;
const outDir = join(root, "bench/out");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A minimal DevTools protocol client: one socket, numbered calls. */
async function inspect(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  const target = targets.find((t) => !t.title?.includes("loopback")) ?? targets[0];
  if (!target) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString("utf8")) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  return {
    call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++next;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve as (result: unknown) => void));
    },
    close: () => socket.close(),
  };
}

/** Self time per function and per file, from the samples. */
function summarize(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (const [index, id] of profile.samples.entries()) {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = frame.url.split("/").slice(-2).join("/") || "(runtime)";
    const key = `${frame.functionName || "(anonymous)"}  ${file}:${frame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    files.set(file, (files.get(file) ?? 0) + micros);
  }
  // Total (self and callees) time per function name, counted once per sample.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, micros] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      const name = frame?.functionName;
      if (!frame || !name || seen.has(name) || !frame.url) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(6)} %  ${name}`);
  return [
    `sampled ${(total / 1000).toFixed(0)} ms`,
    "",
    "self time by function:",
    ...rows(functions),
    "",
    "self time by file:",
    ...rows(files),
    "",
    "total time (self and callees) by function:",
    ...rows(inclusive),
  ].join("\n");
}

/** tact's bundle, readable so the profile names its functions, in workerd with the inspector open. */
async function startProfiledWorker(originUrl: string, keys: string, inspectorPort: number) {
  const bundle = await buildBundle({
    config: join(root, "wrangler.toml"),
    entry: join(root, "bench/workers/tactMemoryKv.ts"),
    outdir: join(outDir, "build", "profile"),
    readable: true,
  });
  return startWorker({
    script: bundle.script,
    config: join(root, "wrangler.toml"),
    bindings: { ORIGIN_URL: originUrl, TACT_KEYS: keys },
    analyticsEngine: { TACT_EVENTS: { dataset: "tact_events" } },
    logFile: join(outDir, "profile.log"),
    inspectorPort,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      page: { type: "string", default: "home" },
      seconds: { type: "string", default: "5" },
      top: { type: "string", default: "30" },
      connections: { type: "string", default: "4" },
      "no-match": { type: "boolean", default: false },
    },
  });
  const page = pageNamed(values.page);
  await mkdir(outDir, { recursive: true });

  const origin = await startOrigin();
  const tact = await tactData(3600);
  const inspectorPort = await freePort();
  const worker = await startProfiledWorker(origin.url, tact.keys, inspectorPort);
  try {
    await seedTact(worker, tact, values["no-match"] ? tact.rulesetNoMatch : tact.ruleset);

    const url = new URL(page.path, worker.url).href;
    const headers = {
      accept: "text/html",
      "accept-language": "it-IT,it;q=0.9",
      cookie: tact.cookie,
    };
    await loadRun({ url, connections: 4, headers, seconds: 2 });

    const connections = Number(values.connections);
    const inspector = await inspect(inspectorPort);
    await inspector.call("Profiler.enable");
    await inspector.call("Profiler.setSamplingInterval", { interval: 100 });
    await inspector.call("Profiler.start");
    const load = await loadRun({ url, connections, headers, seconds: Number(values.seconds) });
    const { profile } = await inspector.call<{ profile: CpuProfile }>("Profiler.stop");
    inspector.close();

    await writeFile(join(outDir, "tact.cpuprofile"), JSON.stringify(profile));
    console.log(
      `${page.name} page: ${load.requests} requests, ${load.rps.toFixed(0)} req/s, p50 ${load.p50.toFixed(2)} ms`,
    );
    console.log(summarize(profile, Number(values.top)));
    console.log("\nfull profile: bench/out/tact.cpuprofile");
  } finally {
    await worker.dispose();
    origin.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
