/**
 * Orders scored items best first. Ties (frequent with counts and 1/distance
 * weights) go to the item more popular in training, then to the smaller id,
 * so a run is repeatable and a tie never hides a popular item behind a rare one.
 */
export function rankItems(scores: ReadonlyMap<string, number>, popularity: ReadonlyMap<string, number>): string[] {
  return [...scores.keys()].sort(
    (a, b) =>
      (scores.get(b) ?? 0) - (scores.get(a) ?? 0) ||
      (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** Views per item in training: the popularity POP ranks by and ties are broken by. */
export function countViews(sessions: readonly { readonly items: readonly string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const session of sessions) for (const item of session.items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
