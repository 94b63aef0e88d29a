/**
 * The secret preview links are signed with: TACT_PREVIEW_SECRET from the
 * environment, else (for the local Worker that `npm start` runs) the one in
 * .dev.vars, which is where wrangler dev reads the Worker's secrets from.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { MIN_PREVIEW_SECRET_LENGTH } from "../../src/edges/cookie/preview";
import { EnvironmentError } from "../cli/CliError";

const NAME = "TACT_PREVIEW_SECRET";

/** The value of NAME in a .dev.vars (dotenv) text, read as Node reads env files. */
export function secretFromDevVars(text: string): string | undefined {
  return parseEnv(text)[NAME];
}

export async function previewSecret(
  env: Readonly<Record<string, string | undefined>>,
  devVarsDir: string | undefined,
): Promise<{ secret: string; from: string }> {
  let found: { secret: string; from: string } | undefined;
  const fromEnv = env[NAME];
  if (fromEnv) found = { secret: fromEnv, from: `the ${NAME} environment variable` };
  else if (devVarsDir) {
    const text = await readFile(join(devVarsDir, ".dev.vars"), "utf8").catch(() => undefined);
    const secret = text === undefined ? undefined : secretFromDevVars(text);
    if (secret) found = { secret, from: ".dev.vars" };
  }
  if (!found) {
    throw new EnvironmentError(
      `set ${NAME} to the Worker's preview secret (at least ${MIN_PREVIEW_SECRET_LENGTH} characters; ` +
        `\`npx wrangler secret put ${NAME}\` gives it to a deployed Worker, .dev.vars to a local one)`,
    );
  }
  if (found.secret.length < MIN_PREVIEW_SECRET_LENGTH) {
    throw new EnvironmentError(`${NAME} from ${found.from} is shorter than ${MIN_PREVIEW_SECRET_LENGTH} characters`);
  }
  return found;
}
