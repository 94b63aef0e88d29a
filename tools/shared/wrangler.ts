/**
 * The one way tools run wrangler: the project's own copy, under this Node,
 * with metrics off and no fetch of the `cf` object from the network (local
 * runs need none; a placeholder does). `runWrangler` runs a command to its
 * end and hands back stdout apart from stderr (`wrangler kv key get` writes
 * the value itself to stdout, its notes to stderr); `spawnWrangler` starts a
 * long-running one (`wrangler dev`) and hands over its output line by line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { CliError } from "../cli/CliError";

const require = createRequire(import.meta.url);
const wranglerBin = require.resolve("wrangler/bin/wrangler.js");
/** Long-running commands start from the project's root, where their configs are named from. */
const root = new URL("../..", import.meta.url).pathname;

const wranglerEnv: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export interface WranglerOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export type WranglerRunner = (args: readonly string[]) => Promise<WranglerOutput>;

/** Lines of wrangler's output quoted when it fails. */
const QUOTED_LINES = 12;

/** Runs `wrangler …args`; a non-zero exit is a CliError quoting what it said last. */
export const runWrangler: WranglerRunner = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: wranglerEnv,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const output = { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
      if (code === 0) return resolve(output);
      const said = (output.stderr || output.stdout).trim().split("\n").slice(-QUOTED_LINES).join("\n");
      reject(new CliError(`wrangler ${args.slice(0, 3).join(" ")} failed (exit ${code}):\n${said}`));
    });
  });

/**
 * Starts `wrangler …args` in a process group of its own, so that stopping it
 * (see stopProcessGroup) reaches the workerd it starts too, whatever wrangler
 * does with the signal. Each non-empty line it prints goes to `onLine`.
 */
export function spawnWrangler(
  args: readonly string[],
  onLine: (line: string, stream: "stdout" | "stderr") => void,
): ChildProcess {
  const child = spawn(process.execPath, [wranglerBin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: wranglerEnv,
    cwd: root,
    detached: true,
  });
  const forward = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() !== "") onLine(line, stream);
  };
  child.stdout?.on("data", forward("stdout"));
  child.stderr?.on("data", forward("stderr"));
  return child;
}

/**
 * Stops a process started by spawnWrangler, and everything in its group:
 * SIGTERM first, so wrangler can stop its workerd itself, then, after
 * `graceMs` or as soon as wrangler has gone, SIGKILL for whatever is left.
 * Resolves once wrangler has exited.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-group, name);
    } catch {
      // The group is empty already.
    }
  };
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  signal("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  signal("SIGKILL");
  await exited;
}
