/**
 * `tact keygen`: prints a fresh TACT_KEYS entry, a key id (today's date) and
 * 32 random bytes, on a line of its own and nothing else, so it can be piped:
 *
 *   npx tact keygen | npx wrangler secret put TACT_KEYS
 *
 * To rotate, put the new entry first and keep the old one after a comma.
 */
import { randomBytes } from "node:crypto";
import { EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand } from "../cli/runCommand";

const HELP = `Usage: tact keygen      (npm run -s keygen is the same; -s keeps npm's banner out of a pipe)

Prints a fresh TACT_KEYS entry: a key id (today's date, UTC) and 32 random
bytes in base64url, as "2026-11-23:Qm9…". Give it to the Worker with
  npx tact keygen | npx wrangler secret put TACT_KEYS
To rotate keys, put the new entry first and keep the old one after a comma.

${EXIT_CODES}`;

/** "kid:secret", the kid being the date `now` falls on. */
export function newKeyEntry(now: Date): string {
  return `${now.toISOString().slice(0, 10)}:${randomBytes(32).toString("base64url")}`;
}

export function runKeygen(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "keygen", async () => {
    const { values, positionals } = parseCommandLine(argv, {});
    if (values["help"]) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    io.out(newKeyEntry(new Date(io.now() * 1000)));
    return 0;
  });
}
