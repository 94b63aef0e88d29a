/**
 * `npm start`: seeds local KV, then runs the demo storefront on :8788 and tact
 * in front of it on :8787, both in workerd through wrangler. Ctrl-C stops both.
 * tact's event lines are also appended to .wrangler/events.jsonl, where
 * `npm run rules -- report` reads them.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { startLocalStack } from "./localStack";

export const EVENTS_FILE = ".wrangler/events.jsonl";

export const TACT_PORT = 8787;
export const SHOP_PORT = 8788;

const stopping = new AbortController();

async function main(): Promise<void> {
  mkdirSync(".wrangler", { recursive: true });
  const started = startLocalStack({
    tactPort: TACT_PORT,
    shopPort: SHOP_PORT,
    inspectorPorts: { tact: 9229, shop: 9230 },
    signal: stopping.signal,
    onOutput: (line, stream) => {
      (stream === "stdout" ? process.stdout : process.stderr).write(`${line}\n`);
      const json = line.indexOf('{"level":"info","event":"tact.event"');
      if (json >= 0) appendFileSync(EVENTS_FILE, `${line.slice(json)}\n`);
    },
  });
  const stop = () => {
    stopping.abort();
    void started.then(
      (stack) => stack.stop(),
      () => undefined,
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const stack = await started;
  console.log(
    `\n  tact is serving the demo shop at http://localhost:${TACT_PORT}\n  (the shop alone: http://localhost:${SHOP_PORT})\n`,
  );
  const { code } = await stack.exited;
  if (code !== 0 && code !== null) console.error(`a wrangler process exited with ${code}; stopping`);
  process.exitCode = code ?? 0;
}

main().catch((error: unknown) => {
  if (!stopping.signal.aborted) console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
