/**
 * What the rules subcommands share: the options each takes, where relative
 * paths are taken from, which KV namespace or file a command works on, and
 * the validator, started when a command first needs it.
 */
import { isAbsolute, resolve } from "node:path";
import { UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { type Options, type Values, text } from "../cli/runCommand";
import { KV_OPTIONS, type KvTarget, kvTargetFrom } from "../shared/kvTarget";
import type { WranglerRunner } from "../shared/wrangler";
import type { RuleSetValidator } from "../validate/startValidator";
import { type RuleSetStore, fileRuleSetStore, kvRuleSetStore } from "./ruleSetStore";

export const OPTIONS: Readonly<Record<string, Options>> = {
  validate: KV_OPTIONS,
  push: KV_OPTIONS,
  pull: { ...KV_OPTIONS, out: { type: "string" } },
  diff: KV_OPTIONS,
  toggle: { ...KV_OPTIONS, file: { type: "string" } },
  ramp: { ...KV_OPTIONS, file: { type: "string" } },
  "preview-link": {
    ...KV_OPTIONS,
    file: { type: "string" },
    ttl: { type: "string" },
    base: { type: "string" },
    explain: { type: "boolean" },
  },
};

/** What the commands share: where things are, how to reach wrangler, and the validator (started when first needed). */
export interface Context {
  readonly io: CliIo;
  readonly values: Values;
  readonly positionals: readonly string[];
  readonly wrangler: WranglerRunner;
  readonly validator: () => Promise<RuleSetValidator>;
}

export function pathFrom(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

export function kvTarget(context: Context, requireExplicit = false): KvTarget {
  return kvTargetFrom(context.values, context.io.cwd, requireExplicit);
}

/** The document a command works on: --file when given, else KV. */
export function documentStore(context: Context): { store: RuleSetStore; file: string | undefined } {
  const file = text(context.values, "file");
  if (file === undefined) return { store: kvRuleSetStore(kvTarget(context), context.wrangler), file: undefined };
  if (context.values["remote"] || context.values["local"] || text(context.values, "env")) {
    throw new UsageError("--file works on a file; leave out --local, --remote and --env");
  }
  return { store: fileRuleSetStore(pathFrom(context.io, file), file), file: pathFrom(context.io, file) };
}

export function positional(context: Context, index: number, name: string): string {
  const value = context.positionals[index];
  if (value === undefined) throw new UsageError(`missing <${name}>`);
  return value;
}

export function noMorePositionals(context: Context, count: number): void {
  const extra = context.positionals[count];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
