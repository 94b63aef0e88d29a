/**
 * The edge cache's state document in KV (key "edge-cache"): read by the
 * Worker (CacheState), written by `tact cache purge` (tools/cache).
 */
import * as v from "valibot";

export const CACHE_STATE_KEY = "edge-cache";
/** Purges kept in the document: the oldest go first. */
export const MAX_PURGES = 200;

export const CacheStateSchema = v.object({
  generation: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  purged: v.optional(
    v.pipe(
      v.array(v.object({ prefix: v.pipe(v.string(), v.startsWith("/"), v.maxLength(2048)), at: v.number() })),
      v.maxLength(MAX_PURGES),
    ),
    [],
  ),
});
export type CacheState = v.InferOutput<typeof CacheStateSchema>;
