/**
 * Structured logging: one JSON object per line, so `wrangler tail --format json`
 * and Workers Logs can filter on `event`. Never pass secrets or cookie values.
 */

type Fields = Record<string, unknown>;

function line(level: "info" | "warn" | "error", event: string, fields: Fields): string {
  return JSON.stringify({ level, event, ...fields });
}

export const log = {
  info(event: string, fields: Fields = {}): void {
    console.log(line("info", event, fields));
  },
  warn(event: string, fields: Fields = {}): void {
    console.warn(line("warn", event, fields));
  },
  error(event: string, fields: Fields = {}): void {
    console.error(line("error", event, fields));
  },
};

/** A short, loggable description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    // An object whose toString is not a function, say.
    return Object.prototype.toString.call(error);
  }
}
