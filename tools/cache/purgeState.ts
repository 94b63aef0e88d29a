/**
 * What `tact cache purge` writes: the edge cache's state in KV (key
 * "edge-cache", read by src/edges/cache/CacheState) with one more purge, or
 * with the generation moved on. A purge names a path prefix and when it was
 * made; copies stored before it under that prefix are no longer served.
 * When the list is full, the generation moves on instead, which leaves every
 * copy behind and empties the list: nothing purged is ever served again.
 */
import * as v from "valibot";
import { type CacheState, CacheStateSchema, MAX_PURGES } from "../../src/edges/cache/cacheStateSchema";

export type Purge = { readonly all: true } | { readonly prefix: string };

/** The path prefix a purge argument names: a URL of the shop, or a path. */
export function purgeTarget(argument: string): Purge | string {
  const text = argument.trim();
  if (text.startsWith("/")) {
    if (text.length > 2048) return "a path prefix is at most 2048 characters";
    return { prefix: text };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${argument}" is neither a URL nor a path starting with /`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `"${argument}" is not an http(s) URL`;
  if (url.search || url.hash) return `"${argument}": a purge names a path (or its start), without ?query or #fragment`;
  return { prefix: url.pathname };
}

/** The state as stored, or an explanation of why it cannot be read. */
export function readState(text: string | undefined): CacheState | string {
  if (text === undefined) return { generation: 0, purged: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return "the stored edge cache state is not JSON";
  }
  const parsed = v.safeParse(CacheStateSchema, raw);
  return parsed.success ? parsed.output : `the stored edge cache state is invalid: ${parsed.issues[0]?.message}`;
}

export function withPurge(state: CacheState, purge: Purge, nowMs: number): CacheState {
  if ("all" in purge || state.purged.length >= MAX_PURGES) return { generation: state.generation + 1, purged: [] };
  return { generation: state.generation, purged: [...state.purged, { prefix: purge.prefix, at: nowMs }] };
}
