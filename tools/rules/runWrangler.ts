/**
 * Runs the project's wrangler and hands back what it printed, stdout apart
 * from stderr: `wrangler kv key get` writes the value itself to stdout, and
 * its notes and warnings to stderr.
 */
import { spawn } from "node:child_process";
import { CliError } from "./CliError";
import { wranglerBin, wranglerEnv } from "../wrangler";

export interface WranglerOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export type WranglerRunner = (args: readonly string[]) => Promise<WranglerOutput>;

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
      if (code === 0) resolve(output);
      else {
        const said = (output.stderr || output.stdout).trim().split("\n").slice(-12).join("\n");
        reject(new CliError(`wrangler ${args.slice(0, 3).join(" ")} failed (exit ${code}):\n${said}`));
      }
    });
  });
