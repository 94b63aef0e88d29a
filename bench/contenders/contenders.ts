/**
 * The contenders, all in front of the same origin: the origin itself, a
 * pass-through Worker, the rewrite floor, the floor with a signed cookie,
 * tact personalizing, tact with no rule for the page, tact exactly as shipped
 * with Miniflare's own KV, and GrowthBook's edge app. Each Worker is built with wrangler from its own
 * config and runs in a workerd process of its own.
 */
import { join } from "node:path";
import { type Bundle, buildBundle } from "./buildBundle";
import { type RunningWorker, startWorker } from "./startWorker";
import { type TactData, seedTact } from "./tactData";

export type ContenderId =
  "direct" | "pass" | "floor" | "cookieFloor" | "tact" | "tactNoMatch" | "tactMiniflareKv" | "growthbook";

export interface ContenderInfo {
  readonly id: ContenderId;
  readonly label: string;
  readonly what: string;
}

export const CONTENDERS: readonly ContenderInfo[] = [
  { id: "direct", label: "origin direct", what: "the origin, no Worker in front" },
  { id: "pass", label: "pass-through", what: "a Worker that forwards and returns the response untouched" },
  {
    id: "floor",
    label: "rewrite floor",
    what: "HTMLRewriter appending a fixed block at the slot; no cookie, KV or decision",
  },
  {
    id: "cookieFloor",
    label: "floor + cookie",
    what: "the rewrite floor, and tact's profile cookie verified and signed again with jose on every page view; no claims checked, no KV, no decision",
  },
  {
    id: "tact",
    label: "tact",
    what: "tact personalizing: rich profile cookie, the demo ruleset, catalog reads answered from memory as an edge cache hit would be (bench/workers/tactMemoryKv.ts), events to Analytics Engine as deployed",
  },
  {
    id: "tactNoMatch",
    label: "tact, no rule",
    what: "the same, with a ruleset whose rules match none of the pages",
  },
  {
    id: "tactMiniflareKv",
    label: "tact, local KV",
    what: "tact's bundle exactly as `wrangler deploy` ships it with the development config: Miniflare's local KV, which runs in the same workerd process, and events as log lines",
  },
  {
    id: "growthbook",
    label: "GrowthBook",
    what: "@growthbook/edge-cloudflare with one visual experiment appending the same fixed block",
  },
];

export interface Contender extends ContenderInfo {
  readonly url: URL;
  /** The workerd process; undefined for the origin itself. */
  readonly pid: number | undefined;
  /** The bundle as shipped (for tact: its own wrangler.toml build, whichever entry ran). */
  readonly bundle: Bundle | undefined;
}

const root = new URL("../../", import.meta.url).pathname;

/** Events to Workers Analytics Engine, as docs/deploying.md sets it up. */
const TACT_EVENTS = { TACT_EVENTS: { dataset: "tact_events" } };
const TACT_CONFIG = join(root, "wrangler.toml");

/** Each build: its wrangler config and, for the bench's wrapper of tact, another entry point. */
const BUILDS = {
  pass: { config: join(root, "bench/workers/passThrough.toml"), minified: false },
  floor: { config: join(root, "bench/workers/rewriteFloor.toml"), minified: false },
  cookieFloor: { config: join(root, "bench/workers/cookieFloor.toml"), minified: false },
  tact: { config: TACT_CONFIG, minified: true },
  tactMemoryKv: { config: TACT_CONFIG, entry: join(root, "bench/workers/tactMemoryKv.ts"), minified: false },
  growthbook: { config: join(root, "bench/workers/growthbook.toml"), minified: true },
} as const;
type BuildName = keyof typeof BUILDS;

export interface Started {
  readonly contenders: readonly Contender[];
  dispose(): Promise<void>;
}

async function buildAll(outDir: string): Promise<Record<BuildName, Bundle>> {
  const built = await Promise.all(
    (Object.keys(BUILDS) as BuildName[]).map(async (name) => {
      const bundle = await buildBundle({ ...BUILDS[name], outdir: join(outDir, "build", name) });
      return [name, bundle] as const;
    }),
  );
  return Object.fromEntries(built) as Record<BuildName, Bundle>;
}

export async function startContenders(originUrl: string, outDir: string, tact: TactData): Promise<Started> {
  const bundles = await buildAll(outDir);
  const running: RunningWorker[] = [];
  const start = async (
    id: ContenderId,
    build: BuildName,
    bindings: Record<string, string>,
    analyticsEngine: Record<string, { dataset: string }> = {},
  ) => {
    const worker = await startWorker({
      script: bundles[build].script,
      config: BUILDS[build].config,
      bindings,
      analyticsEngine,
      logFile: join(outDir, `${id}.log`),
    });
    running.push(worker);
    return worker;
  };
  const tactBindings = { ORIGIN_URL: originUrl, TACT_KEYS: tact.keys };

  try {
    const workers = new Map<ContenderId, RunningWorker>();
    workers.set("pass", await start("pass", "pass", { ORIGIN_URL: originUrl }));
    workers.set("floor", await start("floor", "floor", { ORIGIN_URL: originUrl }));
    workers.set(
      "cookieFloor",
      await start("cookieFloor", "cookieFloor", { ORIGIN_URL: originUrl, TACT_KEYS: tact.keys }),
    );
    for (const [id, build, ruleset, events] of [
      ["tact", "tactMemoryKv", tact.ruleset, TACT_EVENTS],
      ["tactNoMatch", "tactMemoryKv", tact.rulesetNoMatch, TACT_EVENTS],
      ["tactMiniflareKv", "tact", tact.ruleset, {}],
    ] as const) {
      const worker = await start(id, build, tactBindings, events);
      await seedTact(worker, tact, ruleset);
      workers.set(id, worker);
    }
    workers.set(
      "growthbook",
      await start("growthbook", "growthbook", { PROXY_TARGET: originUrl, GROWTHBOOK_API_HOST: originUrl }),
    );

    const contenders = CONTENDERS.map((info): Contender => {
      if (info.id === "direct") return { ...info, url: new URL(originUrl), pid: undefined, bundle: undefined };
      const worker = workers.get(info.id);
      if (!worker) throw new Error(`no worker started for ${info.id}`);
      const shipped: BuildName = info.id === "tactNoMatch" || info.id === "tactMiniflareKv" ? "tact" : info.id;
      return { ...info, url: worker.url, pid: worker.pid, bundle: bundles[shipped] };
    });
    return { contenders, dispose: () => disposeAll(running) };
  } catch (error) {
    await disposeAll(running);
    throw error;
  }
}

async function disposeAll(workers: readonly RunningWorker[]): Promise<void> {
  await Promise.allSettled(workers.map((worker) => worker.dispose()));
}
