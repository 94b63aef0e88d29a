/**
 * `tact dev` (`npm start`): seeds local KV with what is missing, then runs
 * the demo storefront and tact in front of it, both in workerd through
 * wrangler. One signal (Ctrl-C, SIGTERM, SIGHUP, or the parent going away)
 * stops both, workerd included. tact's event lines are also appended to
 * .wrangler/events.jsonl, where `tact report --events` reads them.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand, text } from "../cli/runCommand";
import { type LocalStack, startLocalStack } from "./localStack";
import { seedWithNotes } from "./seedCommand";
import { stopOnSignals } from "./stopOnSignals";

const root = new URL("../..", import.meta.url).pathname;
export const EVENTS_FILE = join(root, ".wrangler/events.jsonl");

const HELP = `Usage: tact dev [options]      (npm start -- … is the same)

Seeds local KV with what is missing (see \`tact seed --help\`), then runs the
demo shop and tact in front of it, each under \`wrangler dev\` in workerd.
Ctrl-C, SIGTERM or SIGHUP stops both. tact's event lines also go to
.wrangler/events.jsonl, for \`tact report --events .wrangler/events.jsonl\`.

  --port N              tact's port (default 8787)
  --shop-port N         the demo shop's port (default 8788)
  --inspector-ports N,M devtools ports of tact and the shop (default 9229,9230)
  --persist-to DIR      local storage directory (default: wrangler's .wrangler/state)
  --reset               seed everything again, replacing what local KV holds

${EXIT_CODES}`;

const OPTIONS = {
  port: { type: "string" },
  "shop-port": { type: "string" },
  "inspector-ports": { type: "string" },
  "persist-to": { type: "string" },
  reset: { type: "boolean" },
} as const;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65_535)
    throw new UsageError(`${flag} must be a port number, not "${value}"`);
  return n;
}

interface DevArgs {
  readonly tactPort: number;
  readonly shopPort: number;
  readonly inspectorPorts: { readonly tact: number; readonly shop: number };
  readonly persistTo: string | undefined;
  readonly reset: boolean;
}

function devArgs(argv: readonly string[], io: CliIo): DevArgs | "help" {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values["help"]) return "help";
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const [tactInspector, shopInspector, extra] = (text(values, "inspector-ports") ?? "9229,9230").split(",");
  if (extra !== undefined) throw new UsageError("--inspector-ports takes two ports: tact's and the shop's");
  const persistTo = text(values, "persist-to");
  return {
    tactPort: port(text(values, "port"), 8787, "--port"),
    shopPort: port(text(values, "shop-port"), 8788, "--shop-port"),
    inspectorPorts: {
      tact: port(tactInspector, 9229, "--inspector-ports"),
      shop: port(shopInspector, 9230, "--inspector-ports"),
    },
    persistTo: persistTo === undefined || isAbsolute(persistTo) ? persistTo : resolve(io.cwd, persistTo),
    reset: values["reset"] === true,
  };
}

function printLine(io: CliIo): (line: string, stream: "stdout" | "stderr") => void {
  mkdirSync(join(root, ".wrangler"), { recursive: true });
  return (line, stream) => {
    (stream === "stdout" ? io.out : io.err)(line);
    const json = line.indexOf('{"level":"info","event":"tact.event"');
    if (json >= 0) appendFileSync(EVENTS_FILE, `${line.slice(json)}\n`);
  };
}

async function dev(args: DevArgs, io: CliIo): Promise<number> {
  const stopping = new AbortController();
  const stopped = new Promise<"stopped">((resolve) =>
    stopping.signal.addEventListener("abort", () => resolve("stopped"), { once: true }),
  );
  let stack: LocalStack | undefined;
  const removeHandlers = stopOnSignals((reason) => {
    io.err(`stopping (${reason})…`);
    stopping.abort(new Error(`stopped (${reason})`));
    void stack?.stop();
  });
  try {
    const target = { remote: false, env: undefined, persistTo: args.persistTo, config: join(root, "wrangler.toml") };
    await seedWithNotes(target, args.reset, io);
    stopping.signal.throwIfAborted();
    stack = await startLocalStack({ ...args, signal: stopping.signal, onOutput: printLine(io) });
    io.out(`\n  tact is serving the demo shop at http://localhost:${args.tactPort}`);
    io.out(`  (the shop alone: http://localhost:${args.shopPort})\n`);
    const ended = await Promise.race([stack.exited, stopped]);
    if (ended === "stopped") {
      await stack.stop();
      return 0;
    }
    io.err(`the ${ended.name} wrangler process exited with ${ended.code}; stopping`);
    await stack.stop();
    return ended.code === 0 ? 0 : 1;
  } catch (error) {
    if (stopping.signal.aborted) return 0;
    throw error;
  } finally {
    removeHandlers();
  }
}

export function runDev(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "dev", async () => {
    const args = devArgs(argv, io);
    if (args === "help") {
      io.out(HELP);
      return 0;
    }
    return dev(args, io);
  });
}
