/**
 * The Cron Trigger's job: for every bandit experiment in the ruleset, read
 * its counts on the primary metric, draw new shares by Thompson sampling and
 * append them to the bandit's KV document as a new cohort. Counts come from
 * Workers Analytics Engine's SQL API (secrets TACT_ANALYTICS_ACCOUNT_ID and
 * TACT_ANALYTICS_TOKEN); without them there is nothing to read and the job
 * says so. Under `npm start`, `npx tact bandit` does the same from the local
 * events file (tools/dev). Draws are seeded from the trigger's time, so a run
 * can be replayed.
 */
import { type ShopperRow, banditArms } from "../../core/decide/banditArms";
import { fnv1a, mulberry32 } from "../../core/decide/seededRandom";
import { type BanditWeights, BANDIT_KEY } from "../../core/ruleset/BanditWeights";
import { type BanditPlan, banditExperiments, nextWeights } from "../../core/decide/nextWeights";
import { compileRuleSet } from "../../core/ruleset/compileRuleSet";
import { RULESET_KEY } from "../../core/ruleset/RuleSet";
import { workerPlatform } from "../../html/runtimePlatform";
import { readBanditWeights } from "../kv/banditWeights";
import { describeError, log } from "../log";
import { DEFAULT_DATASET, analyticsEngineRows } from "./analyticsEngineRows";

type RowSource = (experiment: BanditPlan) => Promise<ShopperRow[]>;

function rowSource(env: Env): RowSource | undefined {
  const accountId = env.TACT_ANALYTICS_ACCOUNT_ID;
  const token = env.TACT_ANALYTICS_TOKEN;
  if (!accountId || !token) return undefined;
  const access = { accountId, token, dataset: env.TACT_ANALYTICS_DATASET || DEFAULT_DATASET };
  return (experiment) => analyticsEngineRows(access, experiment.key, experiment.metric);
}

export async function reweightBandits(env: Env, scheduledTime: number): Promise<void> {
  const text = await env.TACT_RULES.get(RULESET_KEY, "text");
  const compiled = text === null ? undefined : await compileRuleSet(JSON.parse(text), workerPlatform);
  if (!compiled?.ok) {
    log.error("bandit.no-ruleset", { reasons: compiled?.reasons ?? [`no ruleset under "${RULESET_KEY}"`] });
    return;
  }
  const plans = banditExperiments(compiled.ruleset);
  if (plans.length === 0) return;
  const source = rowSource(env);
  if (!source) {
    log.warn("bandit.no-source", { reason: "TACT_ANALYTICS_ACCOUNT_ID and TACT_ANALYTICS_TOKEN are not set" });
    return;
  }
  const current = await readBanditWeights(env.TACT_RULES);
  // Appending to a document that could not be read would drop its cohorts.
  if (current.text === undefined) return;
  let weights: BanditWeights = current.weights;
  for (const plan of plans) {
    try {
      const arms = banditArms(plan.variants, await source(plan));
      const random = mulberry32(fnv1a(`${plan.key}:${scheduledTime}`));
      const next = nextWeights(weights, plan, arms, { now: Math.floor(scheduledTime / 1000), random });
      log.info("bandit.reweighted", { experiment: plan.key, arms, outcome: next.outcome, shares: next.shares });
      weights = next.weights;
    } catch (error) {
      log.error("bandit.failed", { experiment: plan.key, error: describeError(error) });
    }
  }
  if (weights !== current.weights) await env.TACT_RULES.put(BANDIT_KEY, JSON.stringify(weights));
}
