/**
 * Workers Analytics Engine's SQL API as the bandits' Cron Trigger calls it,
 * for tests: POST /client/v4/accounts/<account>/analytics_engine/sql with a
 * bearer token. A test stages an experiment's per-shopper rows with
 * PUT /__stage/<experiment> (a JSON array), and the API answers a query for
 * that experiment with them, as ClickHouse's FORMAT JSON does (64-bit
 * integers quoted). The query must weight by _sample_interval.
 */
export const TEST_ACCOUNT = "0123456789abcdef0123456789abcdef";
export const TEST_TOKEN = "analytics-token-for-tests";

const staged = new Map<string, unknown[]>();

export async function analyticsEngine(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const stage = /^\/__stage\/([^/]+)$/.exec(url.pathname);
  if (stage && request.method === "PUT") {
    staged.set(stage[1] ?? "", (await request.json()) as unknown[]);
    return new Response(null, { status: 204 });
  }
  if (url.pathname !== `/client/v4/accounts/${TEST_ACCOUNT}/analytics_engine/sql` || request.method !== "POST") {
    return new Response("not found", { status: 404 });
  }
  if (request.headers.get("authorization") !== `Bearer ${TEST_TOKEN}`) {
    return Response.json({ errors: [{ message: "Authentication error" }] }, { status: 401 });
  }
  const sql = await request.text();
  const experiment = /blob3 = '([^']+)'/.exec(sql)?.[1];
  if (!sql.includes("_sample_interval") || experiment === undefined) {
    return new Response(`unexpected query: ${sql}`, { status: 422 });
  }
  return Response.json({ meta: [], data: staged.get(experiment) ?? [], rows: 0 });
}
