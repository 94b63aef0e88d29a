/**
 * A shopper's session as the evaluation replays it: the items viewed, in
 * order, with when each view happened.
 */
export interface Session {
  readonly id: string;
  /** Item ids in viewing order; an item may repeat. */
  readonly items: readonly string[];
  /** Epoch seconds of each view, in the same order. */
  readonly times: readonly number[];
  /** The day of the last view (whole days since 1970-01-01, UTC): what a split by days compares. */
  readonly endDay: number;
}

/** One row of an interaction file. */
export interface SessionEvent {
  readonly session: string;
  readonly item: string;
  /** Orders the views within a session (a timestamp, or an offset from the session's start). */
  readonly order: number;
  /** Epoch seconds. */
  readonly time: number;
  readonly day: number;
}

/**
 * Groups events into sessions, each in viewing order (ties keep file order),
 * sessions in order of their first view.
 */
export function groupSessions(events: readonly SessionEvent[]): Session[] {
  const bySession = new Map<string, SessionEvent[]>();
  for (const event of events) {
    const list = bySession.get(event.session);
    if (list) list.push(event);
    else bySession.set(event.session, [event]);
  }
  const sessions: Session[] = [];
  for (const [id, list] of bySession) {
    // Array.prototype.sort is stable: equal times keep the file's order.
    const sorted = [...list].sort((a, b) => a.order - b.order);
    sessions.push({
      id,
      items: sorted.map((event) => event.item),
      times: sorted.map((event) => event.time),
      endDay: Math.max(...sorted.map((event) => event.day)),
    });
  }
  return sessions.sort((a, b) => (a.times[0] ?? 0) - (b.times[0] ?? 0));
}
