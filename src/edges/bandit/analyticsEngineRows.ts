/**
 * A bandit experiment's per-shopper rows from Workers Analytics Engine's SQL
 * API (columns as emitEvents writes them: blob1 type, blob3 experiment, blob4
 * variant, blob5 shopper). One row per variant and shopper: whether they were
 * exposed, whether they clicked (or ordered), and how many shoppers the row
 * stands for. Analytics Engine samples whole shoppers (index1 is the
 * shopper), so a shopper's events share one _sample_interval; its largest is
 * taken in case a shopper's events were kept at different rates.
 */
import * as v from "valibot";
import type { ShopperRow } from "../../core/decide/banditArms";

export const DEFAULT_DATASET = "tact_events";

export interface AnalyticsEngineAccess {
  readonly accountId: string;
  readonly token: string;
  readonly dataset: string;
}

/** The query; experiment keys and dataset names are plain identifiers, checked before they are spliced in. */
export function banditSql(dataset: string, experiment: string, success: "click" | "conversion"): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(dataset)) throw new Error(`"${dataset}" is not a dataset name`);
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(experiment)) throw new Error(`"${experiment}" is not an experiment key`);
  return [
    "SELECT blob4 AS variant, blob5 AS shopper, max(_sample_interval) AS weight,",
    `  max(if(blob1 = 'exposure', 1, 0)) AS exposed, max(if(blob1 = '${success}', 1, 0)) AS succeeded`,
    `FROM ${dataset}`,
    `WHERE blob3 = '${experiment}'`,
    "GROUP BY blob4, blob5",
    "FORMAT JSON",
  ].join("\n");
}

/** ClickHouse's JSON output quotes 64-bit integers: numbers may come as strings. */
const Numeric = v.pipe(v.union([v.number(), v.string()]), v.transform(Number), v.finite());
const AnswerSchema = v.object({
  data: v.array(v.object({ variant: v.string(), weight: Numeric, exposed: Numeric, succeeded: Numeric })),
});

export async function analyticsEngineRows(
  access: AnalyticsEngineAccess,
  experiment: string,
  success: "click" | "conversion",
): Promise<ShopperRow[]> {
  const url = `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(access.accountId)}/analytics_engine/sql`;
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${access.token}` },
    body: banditSql(access.dataset, experiment, success),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`the SQL API answered ${response.status}: ${body.slice(0, 300)}`);
  const parsed = v.safeParse(AnswerSchema, JSON.parse(body));
  if (!parsed.success) throw new Error(`the SQL API answered rows of another shape: ${body.slice(0, 300)}`);
  return parsed.output.data.map((row) => ({
    variant: row.variant,
    weight: row.weight,
    exposed: row.exposed > 0,
    succeeded: row.succeeded > 0,
  }));
}
