/** Order statistics for the bench: medians of rounds, percentiles of latencies. */

/** The q-quantile (0..1) of `values`, interpolating between neighbours; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (at - low);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
