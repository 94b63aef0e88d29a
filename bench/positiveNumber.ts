/** A bench option's value as a positive number, or `fallback` when it was not given. */
export function positiveNumber(value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${value}`);
  return n;
}
