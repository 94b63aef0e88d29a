/**
 * "90s", "30m", "1h", "7d" or a bare number of seconds ("3600"), as seconds.
 * Undefined for anything else, so each caller words its own refusal.
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[(match[2] ?? "").toLowerCase()] ?? 1);
  return Number.isFinite(seconds) ? Math.round(seconds) : undefined;
}
