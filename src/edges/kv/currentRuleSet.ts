/** The ruleset for this request, from the isolate cache or KV. */
import type { Vars } from "../http/vars";
import type { CompileOutcome } from "../../core/ruleset/compileRuleSet";
import { getRuleSet } from "./ruleSetCache";
import { workerPlatform } from "../../html/runtimePlatform";

export function currentRuleSet(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  vars: Vars,
): Promise<CompileOutcome> {
  return getRuleSet(
    {
      kv: env.TACT_RULES,
      ttlSeconds: vars.rulesCacheSeconds,
      platform: workerPlatform,
      waitUntil: (promise) => ctx.waitUntil(promise),
    },
    Date.now(),
  );
}
