/**
 * `tact bandit`: the bandits' Cron Trigger for `npm start`. The deployed
 * Worker reads its counts from Analytics Engine; the local Worker has none,
 * and workerd cannot read the events file the dev stack writes, so this
 * command does the trigger's work from Node, with the same pure code
 * (core/decide: shopperRows, banditArms, nextWeights): counts from
 * .wrangler/events.jsonl, the ruleset and the bandit's document from local KV,
 * the new cohort written back there. The local Worker picks it up within
 * RULES_CACHE_SECONDS.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import { type LoggedEvent, banditArms, shopperRows } from "../../src/core/decide/banditArms";
import { type BanditPlan, nextWeights } from "../../src/core/decide/nextWeights";
import { fnv1a, mulberry32 } from "../../src/core/decide/seededRandom";
import { BANDIT_KEY, BanditWeightsSchema, NO_BANDIT_WEIGHTS } from "../../src/core/ruleset/BanditWeights";
import { DEFAULT_FLOOR } from "../../src/core/ruleset/compileExperiment";
import { RuleSchema, RuleSetSchema } from "../../src/core/ruleset/RuleSet";
import { CliError, EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand, text } from "../cli/runCommand";
import { type KvTarget, kvTargetArgs } from "../shared/kvTarget";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";
import { RULES_BINDING, kvRuleSetStore } from "../rules/ruleSetStore";

const root = new URL("../..", import.meta.url).pathname;

const HELP = `Usage: tact bandit [options]

Reweights the ruleset's bandit experiments (experiment.allocation "bandit")
in local KV, as the deployed Worker's Cron Trigger does from Analytics
Engine: counts from the events npm start logged, Thompson sampling, a new
cohort in the "${BANDIT_KEY}" key. Run it while npm start runs, or between runs.

  --events FILE     the events (default .wrangler/events.jsonl)
  --persist-to DIR  local storage directory (default: wrangler's .wrangler/state)

${EXIT_CODES}`;

const NOT_FOUND = "Value not found";

const LoggedEventSchema = v.object({
  event: v.literal("tact.event"),
  type: v.string(),
  experiment: v.string(),
  variant: v.string(),
  shopper: v.string(),
});

/** The logged events in the file; lines that are not events are passed over. */
export function readLoggedEvents(contents: string): LoggedEvent[] {
  return contents.split("\n").flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const parsed = v.safeParse(LoggedEventSchema, JSON.parse(line));
      return parsed.success ? [parsed.output] : [];
    } catch {
      return [];
    }
  });
}

/** The bandit experiments of a ruleset document, each once; rules that do not parse are left to the Worker to refuse. */
export function banditPlansOf(document: unknown): BanditPlan[] {
  const parsed = v.safeParse(RuleSetSchema, document);
  if (!parsed.success) throw new CliError("the ruleset in local KV is not valid: run `tact rules validate`");
  const plans = new Map<string, BanditPlan>();
  for (const candidate of parsed.output.rules) {
    const rule = v.safeParse(RuleSchema, candidate);
    const experiment = rule.success ? rule.output.experiment : undefined;
    if (!experiment || experiment.allocation !== "bandit" || plans.has(experiment.key)) continue;
    const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
    plans.set(experiment.key, {
      key: experiment.key,
      variants: experiment.variants.map((variant) => variant.id),
      metric: experiment.metric ?? "click",
      floor: experiment.floor ?? DEFAULT_FLOOR,
      written: experiment.variants.map((variant) => variant.weight / total),
    });
  }
  return [...plans.values()];
}

async function reweightLocally(target: KvTarget, eventsFile: string, io: CliIo, run: WranglerRunner): Promise<number> {
  const rulesetText = await kvRuleSetStore(target, run).read();
  if (rulesetText === undefined) throw new CliError("no ruleset in local KV: run `tact seed`");
  const plans = banditPlansOf(JSON.parse(rulesetText));
  if (plans.length === 0) {
    io.out('no experiment in the ruleset has allocation "bandit": nothing to do');
    return 0;
  }
  const events = readLoggedEvents(await readFile(eventsFile, "utf8").catch(() => ""));
  const banditArgs = (verb: "get" | "put") => ["kv", "key", verb, BANDIT_KEY, ...kvTargetArgs(RULES_BINDING, target)];
  const stored = (await run(banditArgs("get"))).stdout;
  const before = stored.trim() === NOT_FOUND ? NO_BANDIT_WEIGHTS : v.parse(BanditWeightsSchema, JSON.parse(stored));
  let weights = before;
  const now = io.now();
  for (const plan of plans) {
    const arms = banditArms(plan.variants, shopperRows(events, plan.key, plan.metric));
    const random = mulberry32(fnv1a(`${plan.key}:${now * 1000}`));
    const next = nextWeights(weights, plan, arms, { now, random });
    const counts = plan.variants.map((id, i) => `${id} ${arms[i]?.successes}/${arms[i]?.trials}`).join(", ");
    const shares = plan.variants.map((id, i) => `${id} ${next.shares[i]?.toFixed(3)}`).join(", ");
    io.out(`${plan.key}: ${plan.metric} ${counts} → ${shares} (${next.outcome})`);
    weights = next.weights;
  }
  if (weights !== before) await run([...banditArgs("put"), JSON.stringify(weights)]);
  return 0;
}

export function runBandit(argv: readonly string[], io: CliIo, run: WranglerRunner = runWrangler): Promise<number> {
  return runCommand(io, "bandit", async () => {
    const { values, positionals } = parseCommandLine(argv, {
      events: { type: "string" },
      "persist-to": { type: "string" },
    });
    if (values["help"]) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const events = text(values, "events") ?? join(root, ".wrangler/events.jsonl");
    const target = {
      remote: false,
      env: undefined,
      persistTo: text(values, "persist-to"),
      config: join(root, "wrangler.toml"),
    };
    return reweightLocally(target, events, io, run);
  });
}
