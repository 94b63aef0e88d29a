/**
 * The time-based split of Ludewig & Jannach (2018): the sessions that end in
 * the last N days are the test set, the rest train. Test sessions keep only
 * items seen in training (nothing can recommend an item it never saw) and,
 * like training sessions, must then still hold at least two views: a single
 * view has no next item to predict.
 *
 * With calendar days (a date column), "the last N days" is the last day seen
 * and the N − 1 before it; with timestamps, the N × 24 hours before the last
 * view, as the session-rec framework cuts it.
 */
import type { Session } from "./Session";

export interface Split {
  readonly train: Session[];
  readonly test: Session[];
  /** First day (calendar) or first second (timestamps) that belongs to the test set. */
  readonly cutoff: number;
}

const DAY = 86_400;
export const MIN_SESSION_LENGTH = 2;

const lastTime = (session: Session) => Math.max(...session.times);

/** Sessions with only the given items' views, those still long enough. */
export function keepItems(sessions: readonly Session[], items: ReadonlySet<string>): Session[] {
  const kept: Session[] = [];
  for (const session of sessions) {
    const at = session.items.flatMap((item, index) => (items.has(item) ? [index] : []));
    if (at.length < MIN_SESSION_LENGTH) continue;
    kept.push({
      ...session,
      items: at.map((index) => session.items[index] ?? ""),
      times: at.map((index) => session.times[index] ?? 0),
    });
  }
  return kept;
}

/** Training sessions long enough to teach something, and test sessions cut to their items. */
export function cleanSplit(train: readonly Session[], test: readonly Session[], cutoff: number): Split {
  const kept = train.filter((session) => session.items.length >= MIN_SESSION_LENGTH);
  const items = new Set(kept.flatMap((session) => session.items));
  return { train: kept, test: keepItems(test, items), cutoff };
}

export function splitByDays(sessions: readonly Session[], days: number, calendarDays: boolean): Split {
  if (!Number.isInteger(days) || days < 1)
    throw new Error("the test period must be a whole number of days, at least 1");
  const endOf = calendarDays ? (session: Session) => session.endDay : lastTime;
  const latest = sessions.reduce((max, session) => Math.max(max, endOf(session)), -Infinity);
  const cutoff = calendarDays ? latest - days + 1 : latest - days * DAY;
  const train = sessions.filter((session) => endOf(session) < cutoff);
  const test = sessions.filter((session) => endOf(session) >= cutoff);
  return cleanSplit(train, test, cutoff);
}
