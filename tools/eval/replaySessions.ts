/**
 * The evaluation protocol of Ludewig & Jannach (2018), as in the session-rec
 * framework: every judged session is replayed view by view, and at every
 * position each recommender, having seen the session so far, is judged on
 * the item that actually came next. Next items are counted twice: among all
 * next items, and among new ones (not viewed earlier in the session), the
 * only ones tact may show, since it never re-shows what was just seen.
 */
import type { Session } from "./data/Session";
import { LIST_SIZES, type Tally, emptyTally, record } from "./metrics/Tally";
import type { Recommender } from "./Recommender";

export interface Tallies {
  readonly all: Tally;
  readonly new: Tally;
}

/** Told after each session: how many are done, of how many. */
export type Progress = (done: number, total: number) => void;

export function replaySessions(
  sessions: readonly Session[],
  recommenders: readonly Recommender[],
  progress: Progress = () => undefined,
): Map<string, Tallies> {
  const tallies = new Map(recommenders.map((r) => [r.name, { all: emptyTally(), new: emptyTally() }] as const));
  sessions.forEach((session, done) => {
    for (const recommender of recommenders) {
      replayOne(session, recommender, tallies.get(recommender.name) as Tallies);
    }
    progress(done + 1, sessions.length);
  });
  return tallies;
}

function replayOne(session: Session, recommender: Recommender, tally: Tallies): void {
  const replay = recommender.session(session.id);
  const { items, times } = session;
  for (let position = 0; position + 1 < items.length; position++) {
    const shown = replay.view(items[position] ?? "", times[position] ?? 0, LIST_SIZES);
    const lists = LIST_SIZES.map((_, i) => shown[i] ?? []) as [string[], string[], string[]];
    const next = items[position + 1] ?? "";
    record(tally.all, lists, next);
    if (!items.slice(0, position + 1).includes(next)) record(tally.new, lists, next);
  }
}
