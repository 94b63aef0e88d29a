/**
 * Runs `tact` in-process, as `npx tact …` would, with its output captured,
 * a fixed clock, a chosen environment and (for the report) a fake fetch.
 * Commands that use KV run the real wrangler against a temporary --persist-to
 * directory the test passes, never a developer's .wrangler/state, or a fake
 * one that keeps KV in memory.
 * The validator (workerd, through Miniflare) is started on first use and
 * shared by the runs; call closeValidator() after a file's tests.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIo } from "../../tools/cli/CliIo";
import { runTact } from "../../tools/cli/main";
import { type WranglerRunner, runWrangler } from "../../tools/shared/wrangler";
import { type RuleSetValidator, startValidator } from "../../tools/validate/startValidator";

let shared: Promise<RuleSetValidator> | undefined;
let idle: NodeJS.Timeout | undefined;

/** The validator, started on first use; runs of the CLI do not close it. */
export function sharedValidator(): Promise<RuleSetValidator> {
  clearTimeout(idle);
  shared ??= startValidator();
  return shared.then((validator) => ({ check: (text) => validator.check(text), close: async () => {} }));
}

/**
 * After a file's tests. The node project's files run one after another in a
 * process (isolate: false), so the next file takes the validator over rather
 * than starting one more workerd (seconds on a busy machine); it is closed
 * once no file has used it for a few seconds. If the process ends before,
 * Miniflare stops workerd with it.
 */
export function closeValidator(): void {
  clearTimeout(idle);
  idle = setTimeout(() => {
    const closing = shared;
    shared = undefined;
    void closing?.then((validator) => validator.close());
  }, 5_000);
  idle.unref();
}

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Unix seconds. */
  readonly now?: number;
  readonly fetch?: typeof fetch;
  /** Instead of the real wrangler (test/node/fakeWrangler). */
  readonly wrangler?: WranglerRunner;
}

/** 2026-11-23 12:00:00 UTC. */
export const NOW = 1_795_435_200;

const noNetwork: typeof fetch = () => Promise.reject(new Error("no network in tests"));

/** `tact …args`, with the test file's validator. */
export async function tact(args: readonly string[], options: CliOptions): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(...line.split("\n")),
    err: (line) => err.push(...line.split("\n")),
    env: options.env ?? {},
    cwd: options.cwd,
    now: () => options.now ?? NOW,
    fetch: options.fetch ?? noNetwork,
  };
  const code = await runTact(args, io, { wrangler: options.wrangler ?? runWrangler, startValidator: sharedValidator });
  if (process.env["DEBUG_CLI"]) console.log("DEBUG", args, code, out, err);
  return { code, out, err };
}

/** `tact rules …args` (and `tact report …` for ["report", …]), as the tests of the rules commands call them. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return tact(args[0] === "report" ? args : ["rules", ...args], options);
}

/** A scratch directory, removed by the returned function. */
export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "tact-cli-test-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`);
  return path;
}
