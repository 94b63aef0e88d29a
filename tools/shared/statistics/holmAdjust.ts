/**
 * Holm's step-down adjustment (Holm 1979): with m p-values sorted ascending,
 * the i-th (from 1) becomes max over j ≤ i of min(1, (m − j + 1)·p_(j)).
 * Rejecting where the adjusted value is below α keeps the chance of any false
 * call in the family at or under α, whatever the dependence between the tests;
 * with always-valid p-values that holds at every look too, since the proof
 * only bounds the smallest true-null p-value by α/m (a union bound).
 * Undefined entries (nothing to test) are left out of m and stay undefined.
 */
export function holmAdjust(pValues: readonly (number | undefined)[]): (number | undefined)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== undefined && Number.isFinite(entry.p))
    .sort((a, b) => a.p - b.p);
  const adjusted: (number | undefined)[] = pValues.map(() => undefined);
  const m = present.length;
  let running = 0;
  present.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
