/**
 * What every page view needs first: the ruleset and the signing keys. Both
 * are cached in the isolate, so they are normally at hand at once.
 */
import type { Context } from "hono";
import type { Vars } from "./vars";
import { log } from "../log";
import { type KeyRing, type KeyRingResult, isLoopbackHost, loadKeyRing } from "../cookie/keyRing";
import type { CompileOutcome, CompiledRuleSet } from "../../core/ruleset/compileRuleSet";
import { currentRuleSet } from "../kv/currentRuleSet";

export type AppContext = Context<{ Bindings: Env }>;

export interface Groundwork {
  readonly ruleset: CompileOutcome;
  readonly keys: KeyRingResult;
}

export async function layGroundwork(c: AppContext, vars: Vars): Promise<Groundwork> {
  const local = isLoopbackHost(new URL(c.req.url).hostname);
  const [ruleset, keys] = await Promise.all([
    currentRuleSet(c.env, c.executionCtx, vars),
    loadKeyRing(c.env.TACT_KEYS, local),
  ]);
  return { ruleset, keys };
}

let reportedKeyProblem: string | undefined;

/** The ruleset and key ring when both are usable; logs a key problem once per isolate. */
export function usable(groundwork: Groundwork): { ruleset: CompiledRuleSet; ring: KeyRing } | undefined {
  const { ruleset, keys } = groundwork;
  if (!keys.ok) {
    if (reportedKeyProblem !== keys.reason) {
      log.error("keys.refused", { reason: keys.reason, effect: "pages served untouched" });
    }
    reportedKeyProblem = keys.reason;
    return undefined;
  }
  return ruleset.ok ? { ruleset: ruleset.ruleset, ring: keys.ring } : undefined;
}
