/** Runs the project's own wrangler and fails loudly with its output. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const wranglerBin = require.resolve("wrangler/bin/wrangler.js");

/**
 * Environment for wrangler here: no metrics, and no fetch of the `cf` object
 * from workers.cloudflare.com (local runs need no network; a placeholder does).
 */
export const wranglerEnv: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export function wrangler(args: readonly string[], options: { quiet?: boolean } = { quiet: true }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: wranglerEnv,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(" ")} failed (exit ${code}):\n${output}`));
    });
  });
}
