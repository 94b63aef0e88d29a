/**
 * A bandit's counts, per variant, from per-shopper rows: a shopper counts
 * once, as a trial when exposed and as a success when they also clicked (or
 * ordered) in that variant. Each row stands for `weight` shoppers: Analytics
 * Engine samples whole shoppers and says how many each kept row stands for
 * (its _sample_interval), so weighting keeps the counts, not just the rates,
 * unbiased.
 */
import type { Arm } from "./thompsonShares";

export interface ShopperRow {
  readonly variant: string;
  readonly weight: number;
  readonly exposed: boolean;
  readonly succeeded: boolean;
}

export function banditArms(variants: readonly string[], rows: readonly ShopperRow[]): Arm[] {
  const arms = new Map(variants.map((id) => [id, { trials: 0, successes: 0 }]));
  for (const row of rows) {
    const arm = arms.get(row.variant);
    if (!arm || !row.exposed || !(row.weight > 0)) continue;
    arm.trials += row.weight;
    if (row.succeeded) arm.successes += row.weight;
  }
  return variants.map((id) => arms.get(id) ?? { trials: 0, successes: 0 });
}

/** The fields of a logged event (`tact.event`) a bandit reads. */
export interface LoggedEvent {
  readonly type: string;
  readonly experiment: string;
  readonly variant: string;
  readonly shopper: string;
}

/**
 * Per-shopper rows of one experiment from logged events, as the SQL API
 * would give them; every shopper's events are there (no sampling), so each
 * row stands for one shopper.
 */
export function shopperRows(
  events: Iterable<LoggedEvent>,
  experiment: string,
  success: "click" | "conversion",
): ShopperRow[] {
  const rows = new Map<string, { variant: string; weight: number; exposed: boolean; succeeded: boolean }>();
  for (const event of events) {
    if (event.experiment !== experiment) continue;
    const key = `${event.variant}\u0000${event.shopper}`;
    const row = rows.get(key) ?? { variant: event.variant, weight: 1, exposed: false, succeeded: false };
    if (event.type === "exposure") row.exposed = true;
    if (event.type === success) row.succeeded = true;
    rows.set(key, row);
  }
  return [...rows.values()];
}
