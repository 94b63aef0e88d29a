/**
 * What invalidates the edge cache, kept in KV beside the ruleset (key
 * "edge-cache", written by `tact cache purge`): a generation number, part of
 * every cache key, so that bumping it leaves everything stored before
 * unreachable at once, and the paths purged since, each with when.
 *
 *   { "generation": 3, "purged": [{ "prefix": "/products/p01", "at": 1796650000000 }] }
 *
 * ("at" in epoch milliseconds).
 *
 * Read like the ruleset: kept in the isolate and refreshed in the background,
 * so a request never waits for it; until the isolate's first read is in,
 * pages simply do not use the cache.
 */
import * as v from "valibot";
import { CACHE_STATE_KEY, type CacheState, CacheStateSchema } from "./cacheStateSchema";
import { describeError, log } from "../log";

export { CACHE_STATE_KEY, type CacheState } from "./cacheStateSchema";

const EMPTY: CacheState = { generation: 0, purged: [] };

interface Held {
  readonly kv: KVNamespace;
  readonly loadedAt: number;
  state: CacheState | undefined;
  loading: Promise<void> | undefined;
}

let held: Held | undefined;

/** The state in KV; undefined when it cannot be read (pages then keep what they had, or skip the cache). */
async function load(kv: KVNamespace): Promise<CacheState | undefined> {
  try {
    const raw = await kv.get(CACHE_STATE_KEY, { type: "json", cacheTtl: 30 });
    if (raw === null) return EMPTY;
    const parsed = v.safeParse(CacheStateSchema, raw);
    if (parsed.success) return parsed.output;
    log.error("edge-cache.invalid-state", { key: CACHE_STATE_KEY, reason: parsed.issues[0]?.message });
  } catch (error) {
    log.error("edge-cache.kv-error", { error: describeError(error) });
  }
  return undefined;
}

/** The state if it is at hand; a first or stale read starts in the background. */
export function cacheState(
  kv: KVNamespace,
  ttlSeconds: number,
  waitUntil: (promise: Promise<unknown>) => void,
  nowMs = Date.now(),
): CacheState | undefined {
  const current = held?.kv === kv ? held : undefined;
  const stale = !current || nowMs - current.loadedAt >= ttlSeconds * 1000;
  if (stale && !current?.loading) {
    const next: Held = { kv, loadedAt: nowMs, state: current?.state, loading: undefined };
    next.loading = load(kv).then((state) => {
      next.state = state ?? next.state;
      next.loading = undefined;
    });
    held = next;
    waitUntil(next.loading);
  }
  return held?.state;
}

/** Forgets the state (tests that rewrite it need this). */
export function clearCacheState(): void {
  held = undefined;
}

/** Whether a copy of `path` stored at `storedAtMs` has been purged since. */
export function purgedSince(state: CacheState, path: string, storedAtMs: number): boolean {
  return state.purged.some((purge) => purge.at >= storedAtMs && path.startsWith(purge.prefix));
}
