/**
 * Helpers for the edge cache's tests: a ruleset that turns it on, requests
 * that wait for the Worker's background work (the copy is stored there), and
 * the test origin's counts for a shared page.
 */
import { env } from "cloudflare:workers";
import { getWithEnv, putRuleSet, rule, ruleset, standardCatalog } from "./harness";
import { CACHE_STATE_KEY, clearCacheState } from "../../src/edges/cache/CacheState";

export const SHARED = "/__test/shared";

export function edgeCacheRuleSet(
  edgeCache: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const slot = { selector: ".product-extras", position: "append" };
  const base = ruleset([rule({ page: "/__test/*", slot, ...overrides })]);
  const settings = { ...(base.settings as object), edgeCache: { pages: [`${SHARED}/*`], ...edgeCache } };
  return { ...base, settings };
}

/** A request whose background work (storing, revalidating) is over when it resolves. */
export function visit(
  path: string,
  init: RequestInit = {},
  vars: Partial<Record<keyof Env, unknown>> = {},
): Promise<Response> {
  return getWithEnv(path, vars, init);
}

/**
 * Writes the ruleset and the cache state, then makes the isolate read both:
 * until it has, pages go to the origin without looking in the cache.
 */
export async function cacheReady(
  edgeCache: Record<string, unknown> = {},
  state?: Record<string, unknown>,
  ruleOverrides: Record<string, unknown> = {},
): Promise<void> {
  await standardCatalog();
  await putRuleSet(edgeCacheRuleSet(edgeCache, ruleOverrides));
  if (state) await env.TACT_RULES.put(CACHE_STATE_KEY, JSON.stringify(state));
  else await env.TACT_RULES.delete(CACHE_STATE_KEY);
  clearCacheState();
  await visit(`${SHARED}/warm-up`);
  await visit(`${SHARED}/warm-up`);
}

export interface OriginHits {
  readonly full: number;
  readonly notModified: number;
  readonly conditional: number;
}

export async function originHits(id: string): Promise<OriginHits> {
  return (await fetch(`https://shop.test/__test/shared-hits/${id}`)).json();
}

export async function bump(id: string): Promise<void> {
  await (await fetch(`https://shop.test/__test/shared-bump/${id}`)).text();
}

let counter = 0;
/** Two workerds may run test files at once, against the one test origin: ids name theirs. */
const isolateTag = crypto.randomUUID().slice(0, 8);
/** A page id no other test has used (the cache and the origin's counts outlive a test). */
export function freshId(label: string): string {
  counter += 1;
  return `${label}-${isolateTag}-${counter}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
