/**
 * Reads tact events from Workers Analytics Engine through its SQL API, when
 * the Worker writes them there (the TACT_EVENTS binding; columns as in
 * src/edges/events/emitEvents.ts: blob1 type, blob2 rule, blob3 experiment, blob4
 * variant, blob5 shopper; double1 share, double2 shown).
 *
 * Rows are grouped per shopper in the query (the analysis needs no finer
 * grain), which keeps the answer small. Analytics Engine may sample; it
 * samples whole shoppers (index1 is the shopper), so rates stay unbiased while
 * counts are of the sample, and the report says when that happened.
 */
import * as v from "valibot";
import { CliError } from "../cli/CliError";
import { type EventRow, EventRowSchema } from "./EventRow";

export const DEFAULT_DATASET = "tact_events";

/** A bound on event time: so long before now, or a moment (unix seconds). */
export type TimeBound = { readonly ago: number } | { readonly at: number };

export interface AnalyticsEngineRequest {
  readonly accountId: string;
  readonly token: string;
  readonly dataset: string;
  readonly since: TimeBound | undefined;
  readonly until: TimeBound | undefined;
  readonly fetch: typeof fetch;
}

export interface AnalyticsEngineRows {
  readonly rows: EventRow[];
  /** True when some rows stand for more events than were stored (sampling). */
  readonly sampled: boolean;
  /** Rows that did not read as tact events. */
  readonly malformed: number;
}

function condition(column: string, operator: ">=" | "<", bound: TimeBound): string {
  if ("ago" in bound) return `${column} ${operator} NOW() - INTERVAL '${Math.max(0, Math.round(bound.ago))}' SECOND`;
  const at = new Date(bound.at * 1000).toISOString().slice(0, 19).replace("T", " ");
  return `${column} ${operator} toDateTime('${at}')`;
}

/** The query: one row per type, rule, experiment, variant and shopper. */
export function eventsSql(dataset: string, since: TimeBound | undefined, until: TimeBound | undefined): string {
  // The dataset name is spliced into SQL, so only a plain identifier is let through.
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(dataset)) {
    throw new CliError(`--dataset "${dataset}" is not a dataset name (letters, digits, _)`);
  }
  const where = [since && condition("timestamp", ">=", since), until && condition("timestamp", "<", until)].filter(
    Boolean,
  );
  return [
    "SELECT blob1 AS type, blob2 AS rule, blob3 AS experiment, blob4 AS variant, blob5 AS shopper,",
    "  max(double1) AS share, max(double2) AS shown, sum(_sample_interval) AS events, count() AS stored",
    `FROM ${dataset}`,
    ...(where.length > 0 ? [`WHERE ${where.join(" AND ")}`] : []),
    "GROUP BY blob1, blob2, blob3, blob4, blob5",
    "FORMAT JSON",
  ].join("\n");
}

const ResponseSchema = v.object({ data: v.array(v.record(v.string(), v.unknown())) });

/** ClickHouse's JSON output quotes 64-bit integers; numbers may come as strings. */
const numberOf = (value: unknown): number => (typeof value === "number" ? value : Number(value));
const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

export async function queryAnalyticsEngine(request: AnalyticsEngineRequest): Promise<AnalyticsEngineRows> {
  const url = `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(request.accountId)}/analytics_engine/sql`;
  let response: Response;
  try {
    response = await request.fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${request.token}` },
      body: eventsSql(request.dataset, request.since, request.until),
    });
  } catch (error) {
    throw new CliError(
      `could not reach the Analytics Engine SQL API: ${error instanceof Error ? error.message : error}`,
    );
  }
  const body = await response.text();
  if (!response.ok) {
    throw new CliError(`the Analytics Engine SQL API answered ${response.status}: ${body.slice(0, 500).trim()}`);
  }
  let parsed: v.InferOutput<typeof ResponseSchema>;
  try {
    parsed = v.parse(ResponseSchema, JSON.parse(body));
  } catch {
    throw new CliError(`the Analytics Engine SQL API answered something other than JSON rows: ${body.slice(0, 200)}`);
  }
  const rows: EventRow[] = [];
  let sampled = false;
  let malformed = 0;
  for (const record of parsed.data) {
    const type = textOf(record["type"]);
    const events = numberOf(record["events"]);
    const stored = numberOf(record["stored"]);
    if (events > stored) sampled = true;
    const row = v.safeParse(EventRowSchema, {
      type,
      rule: textOf(record["rule"]),
      experiment: textOf(record["experiment"]),
      variant: textOf(record["variant"]),
      shopper: textOf(record["shopper"]),
      // Clicks carry no share, and only exposures say whether they were shown.
      ...(type === "click" ? {} : { share: numberOf(record["share"]) }),
      ...(type === "exposure" ? { shown: numberOf(record["shown"]) > 0 } : {}),
      count: Number.isFinite(events) && events >= 1 ? events : 1,
    });
    if (row.success) rows.push(row.output);
    else malformed++;
  }
  return { rows, sampled, malformed };
}
