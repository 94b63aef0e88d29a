/**
 * `npm run rules -- <command>`: the ruleset's command line. It validates with
 * the Worker's own compiler, run inside workerd (tools/validate), reads and
 * writes the TACT_RULES namespace through wrangler (local storage by default,
 * the account's with --remote), signs preview links, and hands `report` to
 * tools/report.
 *
 * Exit codes: 0 done, 1 invalid document or failed check, 2 usage error.
 */
import { writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type RuleSetValidator, startValidator } from "../validate/startValidator";
import { runReport } from "../report/runReport";
import { CliError, UsageError } from "./CliError";
import { type CliIo, processIo } from "./CliIo";
import { diffRuleSets, formatChange } from "./diffRuleSets";
import { type EditOutcome, editRuleSet } from "./editRuleSet";
import { parseDocumentText } from "./parseDocumentText";
import { parseDuration } from "./parseDuration";
import { previewLink } from "./previewLink";
import { previewSecret } from "./previewSecret";
import { pullRuleSet } from "./pullRuleSet";
import { pushRuleSet } from "./pushRuleSet";
import { parsePercent, rampRule } from "./rampRule";
import { type KvTarget, type RuleSetStore, fileRuleSetStore, kvRuleSetStore } from "./ruleSetStore";
import { type WranglerRunner, runWrangler } from "./runWrangler";
import { toggleRule } from "./toggleRule";
import { checkRuleSetDocument } from "./validateRuleSetDocument";

const root = new URL("../..", import.meta.url).pathname;

const KV_HELP = `KV options (every command that reads or writes KV):
  --local            local storage, as \`npm start\` uses (the default, except for push)
  --remote           the account's namespace, through wrangler (run \`npx wrangler login\` first)
  --env NAME         a wrangler environment (staging, production), which has its own namespace
  --persist-to DIR   local storage directory (default: wrangler's .wrangler/state)
  --config FILE      wrangler configuration (default: the project's wrangler.toml)`;

const HELP = `Usage: npm run rules -- <command> [options]

Commands:
  validate [file]                   check a document (or the one in KV) as the Worker would
  push <file> --local|--remote      publish a document; refused when it is not valid
  pull [--out FILE]                 print (or save) the document in KV
  diff <file> [other-file]          what pushing <file> would change (or <file> → <other-file>)
  toggle <rule> on|off              switch a rule on or off
  ramp <rule> <percent>             set the share of shoppers in a rule's experiment (0–100)
  preview-link <rule> [variant]     a signed link to see a rule (variant) before customers do
  report                            experiment results from events (see \`report --help\`)

toggle, ramp and preview-link work on the document in KV, or on a file with --file PATH.

${KV_HELP}

Exit codes: 0 done, 1 invalid document or failed check, 2 usage error.
Run \`npm run rules -- <command> --help\` for one command's details.`;

const COMMAND_HELP: Readonly<Record<string, string>> = {
  validate: `Usage: npm run rules -- validate [file] [KV options]

Checks a ruleset document with the Worker's own compiler, run inside workerd:
fields, templates (read by HTMLRewriter, allow-listed), personas, URL
patterns, selectors (as HTMLRewriter accepts them), experiments and the copy
guard. Prints every problem as "path: reason", then a count. Without a file,
checks the document in KV. Unknown fields are warnings.

${KV_HELP}`,
  push: `Usage: npm run rules -- push <file> --local|--remote [--env NAME] [--persist-to DIR]

Publishes <file> as the ruleset (key "ruleset" of TACT_RULES), after checking it
as \`validate\` does: a document with any problem is refused and nothing is
written. Prints what changed against the document it replaces. The Worker picks
it up within about a minute.

${KV_HELP}`,
  pull: `Usage: npm run rules -- pull [--out FILE] [KV options]

Prints the document in KV (or writes it to FILE), formatted like kv-seed/ruleset.json.

${KV_HELP}`,
  diff: `Usage: npm run rules -- diff <file> [other-file] [KV options]

With one file: what \`push <file>\` would change in KV. With two: what turns the
first into the second. One line per change, by path:
  ~ rules[2].experiment.traffic: 20 → 50  (rule "home-picks")

${KV_HELP}`,
  toggle: `Usage: npm run rules -- toggle <rule> on|off [--file PATH] [KV options]

Switches a rule on or off (its "enabled" field): reads the document, changes it,
checks it, writes it back and prints the change. Refused if the change would
make the document invalid; problems it already had are reported, not blocking.

${KV_HELP}`,
  ramp: `Usage: npm run rules -- ramp <rule> <percent> [--file PATH] [KV options]

Sets rules[i].experiment.traffic, the percentage (0–100) of eligible shoppers
enrolled in the rule's experiment. Raising it lets more shoppers in and moves
nobody; lowering it takes shoppers out. Refused for a rule without experiment.

${KV_HELP}`,
  "preview-link": `Usage: npm run rules -- preview-link <rule> [variant] [--ttl 1h] [--base URL] [--file PATH] [KV options]

Prints a link that makes one browser see <rule> as <variant> (for a rule
without experiment, "baseline": the rule as written, the default), whatever
its personas, caps and traffic, with a banner and a way out, until it expires.
The rule and variant must exist in the current document.

  --ttl DURATION   how long the link works: 30m, 1h (default), 3600 (seconds), up to 7d
  --base URL       the shop tact serves (default http://localhost:8787)

Signed with TACT_PREVIEW_SECRET (≥ 32 characters) from the environment, or from
.dev.vars for the local Worker; the Worker must hold the same secret.

${KV_HELP}`,
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const KV_OPTIONS = {
  local: { type: "boolean" },
  remote: { type: "boolean" },
  env: { type: "string" },
  "persist-to": { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

const OPTIONS: Readonly<Record<string, NonNullable<ParseArgsConfig["options"]>>> = {
  validate: KV_OPTIONS,
  push: KV_OPTIONS,
  pull: { ...KV_OPTIONS, out: { type: "string" } },
  diff: KV_OPTIONS,
  toggle: { ...KV_OPTIONS, file: { type: "string" } },
  ramp: { ...KV_OPTIONS, file: { type: "string" } },
  "preview-link": { ...KV_OPTIONS, file: { type: "string" }, ttl: { type: "string" }, base: { type: "string" } },
};

/** What the commands share: where things are, how to reach wrangler, and the validator (started when first needed). */
interface Context {
  readonly io: CliIo;
  readonly values: Values;
  readonly positionals: readonly string[];
  readonly wrangler: WranglerRunner;
  readonly validator: () => Promise<RuleSetValidator>;
}

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

function pathFrom(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

function kvTarget(context: Context, requireExplicit = false): KvTarget {
  const { values, io } = context;
  if (values["local"] && values["remote"]) throw new UsageError("choose one of --local and --remote");
  if (requireExplicit && !values["local"] && !values["remote"]) {
    throw new UsageError("say where to push: --local (this machine) or --remote (the account's KV)");
  }
  const persistTo = text(values, "persist-to");
  if (values["remote"] && persistTo) throw new UsageError("--persist-to is for local storage; drop it with --remote");
  const config = text(values, "config");
  return {
    remote: values["remote"] === true,
    env: text(values, "env"),
    persistTo: persistTo === undefined ? undefined : pathFrom(io, persistTo),
    config: config === undefined ? join(root, "wrangler.toml") : pathFrom(io, config),
  };
}

/** The document a command works on: --file when given, else KV. */
function documentStore(context: Context): { store: RuleSetStore; file: string | undefined } {
  const file = text(context.values, "file");
  if (file === undefined) return { store: kvRuleSetStore(kvTarget(context), context.wrangler), file: undefined };
  if (context.values["remote"] || context.values["local"] || text(context.values, "env")) {
    throw new UsageError("--file works on a file; leave out --local, --remote and --env");
  }
  return { store: fileRuleSetStore(pathFrom(context.io, file), file), file: pathFrom(context.io, file) };
}

function positional(context: Context, index: number, name: string): string {
  const value = context.positionals[index];
  if (value === undefined) throw new UsageError(`missing <${name}>`);
  return value;
}

function noMorePositionals(context: Context, count: number): void {
  const extra = context.positionals[count];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

async function validateCommand(context: Context): Promise<number> {
  const { io } = context;
  noMorePositionals(context, 1);
  const file = context.positionals[0];
  const store = file ? fileRuleSetStore(pathFrom(io, file), file) : kvRuleSetStore(kvTarget(context), context.wrangler);
  const source = store.label;
  const stored = await store.read();
  if (stored === undefined) throw new CliError(`there is no ruleset in ${source}`);
  parseDocumentText(stored, source);
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

async function pushCommand(context: Context): Promise<number> {
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

async function pullCommand(context: Context): Promise<number> {
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

async function diffCommand(context: Context): Promise<number> {
  const { io } = context;
  const first = positional(context, 0, "file");
  const second = context.positionals[1];
  noMorePositionals(context, 2);
  const read = async (store: RuleSetStore) => {
    const stored = await store.read();
    if (stored === undefined) throw new CliError(`there is no ruleset in ${store.label}`);
    return parseDocumentText(stored, store.label);
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

function reportEdit(io: CliIo, outcome: EditOutcome, store: RuleSetStore, unchanged: string): void {
  for (const problem of outcome.existingProblems) io.err(`note: already in ${store.label}: ${problem}`);
  if (!outcome.written) {
    io.out(unchanged);
    return;
  }
  for (const change of outcome.changes) io.out(formatChange(change));
  io.out(`saved to ${store.label}`);
}

async function toggleCommand(context: Context): Promise<number> {
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

async function rampCommand(context: Context): Promise<number> {
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

async function previewLinkCommand(context: Context): Promise<number> {
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
  const request = { rule, variant, ttlSeconds, base, secret, now: io.now() };
  const link = await previewLink(stored, request, store.label, await context.validator());
  io.out(link.url);
  const until = new Date(link.expires * 1000).toISOString().replace("T", " ").slice(0, 16);
  io.err(`preview of rule "${rule}" as "${link.variant}", until ${until} UTC (signed with ${from})`);
  for (const note of link.notes) io.err(`note: ${note}`);
  return 0;
}

const COMMANDS: Readonly<Record<string, (context: Context) => Promise<number>>> = {
  validate: validateCommand,
  push: pushCommand,
  pull: pullCommand,
  diff: diffCommand,
  toggle: toggleCommand,
  ramp: rampCommand,
  "preview-link": previewLinkCommand,
};

/**
 * Runs one command line; resolves to the exit code. `wrangler` is replaceable
 * for tests, and so is `start`, which starts the validator; one started here
 * is closed here.
 */
export async function runRulesCli(
  argv: readonly string[],
  io: CliIo,
  wrangler: WranglerRunner = runWrangler,
  start: () => Promise<RuleSetValidator> = startValidator,
): Promise<number> {
  const [command, ...rest] = argv;
  let started: Promise<RuleSetValidator> | undefined;
  const validator = () => (started ??= start());
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "report") return await runReport(rest, io);
    const run = COMMANDS[command];
    const options = OPTIONS[command];
    if (!run || !options) throw new UsageError(`unknown command "${command}"; run \`npm run rules -- --help\``);
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify .*$/s, "") : String(error));
    }
    if (parsed.values["help"]) {
      io.out(COMMAND_HELP[command] ?? HELP);
      return 0;
    }
    return await run({ io, values: parsed.values, positionals: parsed.positionals, wrangler, validator });
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`error: ${error.message}`);
      if (error instanceof UsageError && command !== undefined) {
        io.err(`run \`npm run rules -- ${command in COMMANDS || command === "report" ? `${command} ` : ""}--help\``);
      }
      return error.exitCode;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await started?.then((running) => running.close()).catch(() => {});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRulesCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
