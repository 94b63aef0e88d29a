/**
 * The rules subcommands that change one rule or point at it: toggle, ramp
 * and preview-link.
 */
import { CliError, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { text } from "../cli/runCommand";
import { parseDuration } from "../shared/parseDuration";
import { type EditOutcome, editRuleSet } from "./editRuleSet";
import { formatChange } from "./diffRuleSets";
import { previewLink } from "./previewLink";
import { previewSecret } from "./previewSecret";
import { parsePercent, rampRule } from "./rampRule";
import { type Context, documentStore, noMorePositionals, positional } from "./rulesContext";
import type { RuleSetStore } from "./ruleSetStore";
import { toggleRule } from "./toggleRule";

const root = new URL("../..", import.meta.url).pathname;

function reportEdit(io: CliIo, outcome: EditOutcome, store: RuleSetStore, unchanged: string): void {
  for (const problem of outcome.existingProblems) io.err(`note: already in ${store.label}: ${problem}`);
  if (!outcome.written) {
    io.out(unchanged);
    return;
  }
  for (const change of outcome.changes) io.out(formatChange(change));
  io.out(`saved to ${store.label}`);
}

export async function toggleCommand(context: Context): Promise<number> {
  const rule = positional(context, 0, "rule");
  const state = positional(context, 1, "on|off");
  noMorePositionals(context, 2);
  if (state !== "on" && state !== "off") throw new UsageError(`say "on" or "off", not "${state}"`);
  const { store, file } = documentStore(context);
  const outcome = await editRuleSet(
    store,
    (document) => toggleRule(document, rule, state === "on", store.label),
    await context.validator(),
    file,
  );
  reportEdit(context.io, outcome, store, `rule "${rule}" is already ${state} in ${store.label}; nothing written`);
  return 0;
}

export async function rampCommand(context: Context): Promise<number> {
  const rule = positional(context, 0, "rule");
  const percent = parsePercent(positional(context, 1, "percent"));
  noMorePositionals(context, 2);
  const { store, file } = documentStore(context);
  const outcome = await editRuleSet(
    store,
    (document) => rampRule(document, rule, percent, store.label),
    await context.validator(),
    file,
  );
  reportEdit(context.io, outcome, store, `rule "${rule}" already enrols ${percent}%; nothing written`);
  const lowered = outcome.changes.some(
    (change) =>
      change.path.endsWith(".experiment.traffic") &&
      typeof change.before === "number" &&
      typeof change.after === "number" &&
      change.after < change.before,
  );
  if (lowered)
    context.io.err("note: lowering traffic takes shoppers out of the experiment; those who stay keep their variant");
  return 0;
}

export async function previewLinkCommand(context: Context): Promise<number> {
  const { io } = context;
  const rule = positional(context, 0, "rule");
  const variant = context.positionals[1];
  noMorePositionals(context, 2);
  const ttlText = text(context.values, "ttl") ?? "1h";
  const ttlSeconds = parseDuration(ttlText);
  if (ttlSeconds === undefined) throw new UsageError(`--ttl "${ttlText}" is not a duration such as 30m, 1h or 3600`);
  const { store } = documentStore(context);
  const stored = await store.read();
  if (stored === undefined) throw new CliError(`there is no ruleset in ${store.label}`);
  const givenBase = text(context.values, "base");
  if (givenBase === undefined && context.values["remote"]) {
    throw new UsageError("with --remote, say which shop the link is for: --base https://shop.example");
  }
  const base = givenBase ?? "http://localhost:8787";
  // .dev.vars holds the local Worker's secrets; a remote shop's secret must come from the environment.
  const { secret, from } = await previewSecret(io.env, context.values["remote"] ? undefined : root);
  const explain = context.values["explain"] === true;
  const request = { rule, variant, ttlSeconds, base, secret, now: io.now(), explain };
  const link = await previewLink(stored, request, store.label, await context.validator());
  io.out(link.url);
  const until = new Date(link.expires * 1000).toISOString().replace("T", " ").slice(0, 16);
  const why = explain ? ", with the overlay that says why each block is there" : "";
  io.err(`preview of rule "${rule}" as "${link.variant}"${why}, until ${until} UTC (signed with ${from})`);
  for (const note of link.notes) io.err(`note: ${note}`);
  return 0;
}
