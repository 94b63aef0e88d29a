/**
 * The ruleset, cached in the isolate. A fresh copy is served from memory; a
 * stale one is still served while a single background refresh reads KV, so no
 * request waits on KV except the isolate's very first. KV's own edge cache
 * (cacheTtl) adds at most another 30 s: an edit goes live within about a minute.
 */
import { describeError, log } from "../log";
import { type CompileOutcome, type Platform, compileRuleSet } from "./compileRuleSet";
import { RULESET_KEY } from "./RuleSet";

const KV_CACHE_TTL_SECONDS = 30;

interface Slot {
  kv: KVNamespace;
  loadedAt: number;
  outcome: Promise<CompileOutcome>;
  refreshing: boolean;
}

let slot: Slot | undefined;

export interface RuleSetSource {
  readonly kv: KVNamespace;
  readonly ttlSeconds: number;
  readonly platform: Platform;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

export function getRuleSet(source: RuleSetSource, nowMs: number): Promise<CompileOutcome> {
  const current = slot;
  if (!current || current.kv !== source.kv) {
    const fresh: Slot = { kv: source.kv, loadedAt: nowMs, outcome: load(source, undefined), refreshing: false };
    slot = fresh;
    return fresh.outcome;
  }
  if (nowMs - current.loadedAt >= source.ttlSeconds * 1000 && !current.refreshing) {
    current.refreshing = true;
    const refresh = load(source, current.outcome).then((outcome) => {
      if (slot === current)
        slot = { ...current, loadedAt: Date.now(), outcome: Promise.resolve(outcome), refreshing: false };
    });
    source.waitUntil(refresh);
  }
  return current.outcome;
}

/** Drops the cached ruleset (tests, and nothing else, need this). */
export function clearRuleSetCache(): void {
  slot = undefined;
}

async function load(source: RuleSetSource, previous: Promise<CompileOutcome> | undefined): Promise<CompileOutcome> {
  let text: string | null;
  try {
    text = await source.kv.get(RULESET_KEY, { type: "text", cacheTtl: KV_CACHE_TTL_SECONDS });
  } catch (error) {
    const kept = previous ? await previous : undefined;
    log.error("ruleset.kv-error", { error: describeError(error), keptPrevious: kept?.ok === true });
    return kept?.ok ? kept : { ok: false, reason: `reading KV key "${RULESET_KEY}" failed` };
  }
  const outcome = compileDocument(text, source.platform);
  if (!outcome.ok) {
    log.error("ruleset.invalid", { key: RULESET_KEY, reason: outcome.reason });
    return outcome;
  }
  for (const skipped of outcome.ruleset.skipped) {
    log.warn("ruleset.rule-skipped", { path: skipped.path, id: skipped.id, reason: skipped.reason });
  }
  log.info("ruleset.loaded", { rules: outcome.ruleset.rules.length, skipped: outcome.ruleset.skipped.length });
  return outcome;
}

function compileDocument(text: string | null, platform: Platform): CompileOutcome {
  if (text === null) return { ok: false, reason: `no ruleset in KV under "${RULESET_KEY}"` };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `the ruleset is not JSON (${describeError(error)})` };
  }
  return compileRuleSet(document, platform);
}
