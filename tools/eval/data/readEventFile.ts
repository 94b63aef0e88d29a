/**
 * Reads the interaction log a shop can export: CSV or TSV with a header row,
 * one view per row. Columns are found by name, ignoring case, spaces and
 * underscores, so `SessionId`, `session_id` and `session` all work:
 *
 *   session    session, sessionId                   (required)
 *   item       item, itemId, product, productId     (required)
 *   time       time, timestamp                      epoch seconds or ms, or an ISO date-time
 *   timeframe  timeframe                            ms since the session began (CIKM Cup 2016)
 *   date       eventdate, date                      YYYY-MM-DD
 *   event      event, eventType, type               (optional) kept only when it is `keepEvent`
 *
 * A time or a date is required. With a date column, days are calendar days
 * and a session's views are ordered by timeframe or time; without one, days
 * come from the timestamps.
 */
import { parseTable } from "./parseTable";
import type { SessionEvent } from "./Session";

export interface EventFile {
  readonly events: SessionEvent[];
  /** True when days come from a date column, false when from timestamps. */
  readonly calendarDays: boolean;
  /** Rows left out: a missing field, an unreadable time, another event type. */
  readonly skipped: number;
}

const NAMES = {
  session: ["session", "sessionid"],
  item: ["item", "itemid", "product", "productid"],
  time: ["time", "timestamp"],
  timeframe: ["timeframe"],
  date: ["eventdate", "date"],
  event: ["event", "eventtype", "type"],
} as const;
type Column = keyof typeof NAMES;

const DAY = 86_400;
/** Epoch values above this are milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_ABOVE = 1e11;

const normalised = (name: string) => name.toLowerCase().replace(/[\s_-]/g, "");

function findColumns(header: readonly string[]): Partial<Record<Column, number>> {
  const names = header.map(normalised);
  const found: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(NAMES) as Column[]) {
    const index = names.findIndex((name) => (NAMES[column] as readonly string[]).includes(name));
    if (index >= 0) found[column] = index;
  }
  return found;
}

/** Epoch seconds from a number (seconds or ms) or a date string; NaN when neither. */
export function epochSeconds(text: string): number {
  const value = Number(text);
  if (text.trim() !== "" && Number.isFinite(value)) return value > MILLISECONDS_ABOVE ? value / 1000 : value;
  const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return parsed / 1000;
}

export function parseEventFile(text: string, keepEvent?: string): EventFile {
  const rows = parseTable(text);
  const columns = findColumns(rows[0] ?? []);
  const { session, item, time, timeframe, date, event } = columns;
  if (session === undefined || item === undefined) {
    throw new Error(`the header must name a session and an item column (found: ${(rows[0] ?? []).join(", ")})`);
  }
  if (time === undefined && timeframe === undefined && date === undefined) {
    throw new Error("the header must name a time, timeframe or date column");
  }
  if (timeframe !== undefined && date === undefined) throw new Error("a timeframe column needs a date column");

  const events: SessionEvent[] = [];
  let skipped = 0;
  for (const row of rows.slice(1)) {
    const read = (index: number | undefined) => (index === undefined ? "" : (row[index] ?? ""));
    if (event !== undefined && keepEvent !== undefined && read(event) !== keepEvent) {
      skipped += 1;
      continue;
    }
    const dayStart = date === undefined ? undefined : epochSeconds(read(date));
    const offset = timeframe === undefined ? 0 : Number(read(timeframe)) / 1000;
    const stamp = time === undefined ? (dayStart ?? Number.NaN) + offset : epochSeconds(read(time));
    const order = timeframe === undefined ? stamp : offset;
    const day = Math.floor((dayStart ?? stamp) / DAY);
    if (!read(session) || !read(item) || !Number.isFinite(stamp) || !Number.isFinite(order)) {
      skipped += 1;
      continue;
    }
    events.push({ session: read(session), item: read(item), order, time: stamp, day });
  }
  return { events, calendarDays: date !== undefined, skipped };
}
