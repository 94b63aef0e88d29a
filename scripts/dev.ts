/**
 * `npm start`: seeds local KV, then runs the demo storefront on :8788 and tact
 * in front of it on :8787, both in workerd through wrangler. Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { seedLocalKv } from "./seed";
import { wranglerBin, wranglerEnv } from "./wrangler";

export const TACT_PORT = 8787;
export const SHOP_PORT = 8788;

function run(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [wranglerBin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: wranglerEnv,
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  await seedLocalKv();
  const children = [
    run("shop", [
      "dev",
      "-c",
      "demo/wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(SHOP_PORT),
      "--inspector-port",
      "9230",
    ]),
    run("tact", [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(TACT_PORT),
      "--inspector-port",
      "9229",
      "--var",
      `ORIGIN_URL:http://127.0.0.1:${SHOP_PORT}`,
    ]),
  ];
  const stop = () => {
    for (const child of children) child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  for (const child of children) {
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(`a wrangler process exited with ${code}; stopping`);
      stop();
      process.exitCode = code ?? 0;
    });
  }
  await Promise.all([
    waitFor(`http://127.0.0.1:${SHOP_PORT}/robots.txt`, 60_000),
    waitFor(`http://127.0.0.1:${TACT_PORT}/__tact/health`, 60_000),
  ]);
  console.log(
    `\n  tact is serving the demo shop at http://localhost:${TACT_PORT}\n  (the shop alone: http://localhost:${SHOP_PORT})\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
