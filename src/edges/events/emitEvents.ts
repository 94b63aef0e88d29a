/**
 * Writes events, after the response, through waitUntil: to a Workers Analytics
 * Engine dataset when the TACT_EVENTS binding exists, else as one JSON log
 * line each (`"event":"tact.event"`), which `wrangler tail --format json` and
 * the local dev log both carry to `npm run rules -- report`.
 */
import { describeError, log } from "../log";
import { EVENT_LOG, type EventRecord, type TactEvent } from "../../core/decide/TactEvent";

/** Hashes of the shoppers this isolate has seen lately: a shopper browses several pages in a row. */
const hashes = new Map<string, string>();
const REMEMBERED_SHOPPERS = 1000;

/** First 16 hex digits of SHA-256 of the anonymous id: stable, not reversible. */
export async function shopperHash(id: string): Promise<string> {
  const known = hashes.get(id);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`tact:${id}`));
  const hash = [...new Uint8Array(digest, 0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hashes.size >= REMEMBERED_SHOPPERS) hashes.clear();
  hashes.set(id, hash);
  return hash;
}

export async function emitEvents(
  env: Env,
  events: readonly TactEvent[],
  shopperId: string,
  path: string,
  now: number,
): Promise<void> {
  if (events.length === 0) return;
  try {
    const shopper = await shopperHash(shopperId);
    for (const event of events) {
      const record: EventRecord = { ...event, shopper, ts: now, path };
      if (env.TACT_EVENTS) env.TACT_EVENTS.writeDataPoint(toDataPoint(record));
      else log.info(EVENT_LOG, record);
    }
  } catch (error) {
    log.error("events.failed", { error: describeError(error) });
  }
}

/**
 * Analytics Engine columns: blob1 type, blob2 rule, blob3 experiment, blob4
 * variant, blob5 shopper, blob6 item, blob7 path; double1 share, double2
 * shown (1/0), double3 items; index1 shopper (sampling keeps a shopper whole).
 */
function toDataPoint(record: EventRecord): AnalyticsEngineDataPoint {
  const rule = record.type === "conversion" ? "" : record.rule;
  const item = record.type === "click" ? record.item : "";
  const share = record.type === "click" ? 0 : record.share;
  const shown = record.type === "exposure" ? Number(record.shown) : 0;
  const items = record.type === "exposure" ? record.items : 0;
  return {
    blobs: [record.type, rule, record.experiment, record.variant, record.shopper, item, record.path],
    doubles: [share, shown, items],
    indexes: [record.shopper],
  };
}
