/**
 * The ruleset, cached in the isolate. A fresh copy is served from memory; a
 * stale one is still served while a single background refresh reads KV, so no
 * request waits on KV except the isolate's very first. KV's own edge cache
 * (cacheTtl) adds at most another 30 s: an edit goes live within about a minute.
 * A refresh that finds the same text keeps what was compiled from it, since
 * compiling runs HTMLRewriter over every template. The bandit's weights
 * (BANDIT_KEY) are read beside the ruleset and go live the same way.
 */
import { describeError, log } from "../log";
import { type CompileOutcome, type Platform, compileRuleSet } from "../../core/ruleset/compileRuleSet";
import { RULESET_KEY } from "../../core/ruleset/RuleSet";
import { readBanditWeights } from "./banditWeights";
import { withBanditWeights } from "../../core/ruleset/BanditWeights";

const KV_CACHE_TTL_SECONDS = 30;

interface Loaded {
  /** The document's text in KV (null: there was none; undefined: KV failed). */
  readonly text: string | null | undefined;
  /** The bandit's document as read, to tell whether it changed. */
  readonly banditText: string | null | undefined;
  readonly outcome: CompileOutcome;
}

interface Slot {
  kv: KVNamespace;
  loadedAt: number;
  loaded: Promise<Loaded>;
  /** loaded's outcome, kept so that a request does not chain a promise of its own. */
  outcome: Promise<CompileOutcome>;
  refreshing: boolean;
}

function slotFor(kv: KVNamespace, loadedAt: number, loaded: Promise<Loaded>): Slot {
  return { kv, loadedAt, loaded, outcome: loaded.then((done) => done.outcome), refreshing: false };
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
    const fresh = slotFor(source.kv, nowMs, load(source, undefined));
    slot = fresh;
    return fresh.outcome;
  }
  if (nowMs - current.loadedAt >= source.ttlSeconds * 1000 && !current.refreshing) {
    current.refreshing = true;
    const refresh = load(source, current.loaded).then((loaded) => {
      if (slot === current) slot = slotFor(current.kv, Date.now(), Promise.resolve(loaded));
    });
    source.waitUntil(refresh);
  }
  return current.outcome;
}

/** Drops the cached ruleset (tests, and nothing else, need this). */
export function clearRuleSetCache(): void {
  slot = undefined;
}

async function load(source: RuleSetSource, previous: Promise<Loaded> | undefined): Promise<Loaded> {
  let text: string | null;
  const bandit = readBanditWeights(source.kv, KV_CACHE_TTL_SECONDS);
  try {
    text = await source.kv.get(RULESET_KEY, { type: "text", cacheTtl: KV_CACHE_TTL_SECONDS });
  } catch (error) {
    const kept = previous ? await previous : undefined;
    log.error("ruleset.kv-error", { error: describeError(error), keptPrevious: kept?.outcome.ok === true });
    if (kept?.outcome.ok) return kept;
    const outcome: CompileOutcome = { ok: false, reasons: [`reading KV key "${RULESET_KEY}" failed`] };
    return { text: undefined, banditText: null, outcome };
  }
  const kept = previous ? await previous : undefined;
  const { text: banditText, weights } = await bandit;
  // A failed read of the weights keeps the copy loaded with them: shoppers stay in their cohorts.
  if (kept && kept.text === text && (kept.banditText === banditText || banditText === undefined)) return kept;
  const compiled = await compileDocument(text, source.platform);
  if (!compiled.ok) {
    log.error("ruleset.invalid", { key: RULESET_KEY, reasons: compiled.reasons });
    return { text, banditText, outcome: compiled };
  }
  const weighted = withBanditWeights(compiled.ruleset, weights);
  if (weighted.stale.length > 0) log.warn("bandit.stale-epochs", { experiments: weighted.stale });
  const outcome: CompileOutcome = { ok: true, ruleset: weighted.ruleset };
  for (const skipped of outcome.ruleset.skipped) {
    log.warn("ruleset.rule-skipped", { path: skipped.path, id: skipped.id, reasons: skipped.reasons });
  }
  log.info("ruleset.loaded", { rules: outcome.ruleset.rules.length, skipped: outcome.ruleset.skipped.length });
  return { text, banditText, outcome };
}

function compileDocument(text: string | null, platform: Platform): Promise<CompileOutcome> | CompileOutcome {
  if (text === null) return { ok: false, reasons: [`no ruleset in KV under "${RULESET_KEY}"`] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, reasons: [`the ruleset is not JSON (${describeError(error)})`] };
  }
  return compileRuleSet(document, platform);
}
