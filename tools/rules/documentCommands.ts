/**
 * The rules subcommands that read and publish whole documents: validate,
 * push, pull and diff.
 */
import { writeFile } from "node:fs/promises";
import { CliError } from "../cli/CliError";
import { parseJsonText } from "../shared/parseJson";
import { diffRuleSets, formatChange } from "./diffRuleSets";
import { pullRuleSet } from "./pullRuleSet";
import { pushRuleSet } from "./pushRuleSet";
import { type Context, kvTarget, noMorePositionals, pathFrom, plural, positional } from "./rulesContext";
import { type RuleSetStore, fileRuleSetStore, kvRuleSetStore } from "./ruleSetStore";
import { checkRuleSetDocument } from "./validateRuleSetDocument";
import { text } from "../cli/runCommand";

export async function validateCommand(context: Context): Promise<number> {
  const { io } = context;
  noMorePositionals(context, 1);
  const file = context.positionals[0];
  const store = file ? fileRuleSetStore(pathFrom(io, file), file) : kvRuleSetStore(kvTarget(context), context.wrangler);
  const source = store.label;
  const stored = await store.read();
  if (stored === undefined) throw new CliError(`there is no ruleset in ${source}`);
  parseJsonText(stored, source);
  const check = await checkRuleSetDocument(stored.replace(/^\uFEFF/, ""), await context.validator());
  for (const problem of check.problems) io.out(problem);
  for (const warning of check.warnings) io.out(`warning: ${warning}`);
  const warnings = check.warnings.length > 0 ? `, ${plural(check.warnings.length, "warning")}` : "";
  if (check.problems.length > 0) {
    io.out(`${plural(check.problems.length, "problem")}${warnings} in ${source}`);
    return 1;
  }
  io.out(`${source} is valid: ${plural(check.rules, "rule")} (${check.enabled} switched on), 0 problems${warnings}`);
  return 0;
}

export async function pushCommand(context: Context): Promise<number> {
  const { io } = context;
  const file = positional(context, 0, "file");
  noMorePositionals(context, 1);
  const target = kvTarget(context, true);
  const store = kvRuleSetStore(target, context.wrangler);
  const source = fileRuleSetStore(pathFrom(io, file), file);
  const outcome = await pushRuleSet(store, (await source.read()) ?? "", file, await context.validator());
  for (const warning of outcome.warnings) io.err(`warning: ${warning}`);
  if (!outcome.written) {
    io.out(`${store.label} already holds ${file}; nothing written`);
    return 0;
  }
  if (outcome.changes === undefined) io.out(`(${store.label} held no ruleset)`);
  else for (const change of outcome.changes) io.out(formatChange(change));
  io.out(`pushed ${file} to ${store.label}${outcome.changes ? ` (${plural(outcome.changes.length, "change")})` : ""}`);
  return 0;
}

export async function pullCommand(context: Context): Promise<number> {
  noMorePositionals(context, 0);
  const store = kvRuleSetStore(kvTarget(context), context.wrangler);
  const document = await pullRuleSet(store);
  const out = text(context.values, "out");
  if (out === undefined) {
    context.io.out(document.replace(/\n$/, ""));
    return 0;
  }
  await writeFile(pathFrom(context.io, out), document);
  context.io.err(`wrote the ruleset from ${store.label} to ${out}`);
  return 0;
}

export async function diffCommand(context: Context): Promise<number> {
  const { io } = context;
  const first = positional(context, 0, "file");
  const second = context.positionals[1];
  noMorePositionals(context, 2);
  const read = async (store: RuleSetStore) => {
    const stored = await store.read();
    if (stored === undefined) throw new CliError(`there is no ruleset in ${store.label}`);
    return parseJsonText(stored, store.label);
  };
  const firstStore = fileRuleSetStore(pathFrom(io, first), first);
  const [before, after, beforeLabel, afterLabel] =
    second === undefined
      ? await (async () => {
          const kv = kvRuleSetStore(kvTarget(context), context.wrangler);
          return [await read(kv), await read(firstStore), kv.label, first] as const;
        })()
      : [await read(firstStore), await read(fileRuleSetStore(pathFrom(io, second), second)), first, second];
  const changes = diffRuleSets(before, after);
  io.err(`${beforeLabel} → ${afterLabel}`);
  if (changes.length === 0) io.out("no differences");
  for (const change of changes) io.out(formatChange(change));
  return 0;
}
