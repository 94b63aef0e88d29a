/**
 * The request's facts for personas (core/decide/RequestFacts), read from the
 * request and Cloudflare's cf object.
 */
import { type RequestFacts, deviceClass } from "../../core/decide/RequestFacts";
import type { LocalDate } from "../../core/profile/birthday";

function referrerHost(referer: string | null, url: URL): string | undefined {
  if (!referer) return undefined;
  try {
    const host = new URL(referer).hostname.toLowerCase();
    return host === url.hostname ? undefined : host.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

function localHour(timeZone: string | undefined, now: Date): number | undefined {
  if (!timeZone) return undefined;
  try {
    let format = hourFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone });
      hourFormats.set(timeZone, format);
    }
    return Number(format.format(now));
  } catch {
    return undefined;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in `timeZone`, or undefined when the runtime does not know the zone. */
function localDate(timeZone: string, now: Date): LocalDate | undefined {
  try {
    let format = dateFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric", timeZone });
      dateFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(now);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return { year: part("year"), month: part("month"), day: part("day") };
  } catch {
    return undefined;
  }
}

/** A fact worked out the first time it is read, then kept. */
function once<T>(work: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = work();
      done = true;
    }
    return value as T;
  };
}

/**
 * The request's facts, each worked out the first time a condition reads it:
 * most rulesets ask for one or two, and the rest (the time zone's hour above
 * all) are never computed. `shopTimeZone` (settings.timeZone, checked when
 * the ruleset was compiled) gives today's date when the request does not say
 * where the shopper is.
 */
export function requestFacts(
  request: Request,
  url: URL,
  language: string,
  now: Date,
  shopTimeZone = "UTC",
): RequestFacts {
  const cf = once(() => (request as { cf?: { country?: unknown; timezone?: unknown } }).cf);
  const country = once(() => {
    const code = cf()?.country;
    return typeof code === "string" ? code.toUpperCase() : undefined;
  });
  const device = once(() => deviceClass(request.headers.get("user-agent") ?? ""));
  const referrer = once(() => referrerHost(request.headers.get("referer"), url));
  const utmSource = once(() => url.searchParams.get("utm_source")?.toLowerCase() || undefined);
  const hour = once(() => {
    const timeZone = cf()?.timezone;
    return localHour(typeof timeZone === "string" ? timeZone : undefined, now);
  });
  const date = once(() => {
    const timeZone = cf()?.timezone;
    const own = typeof timeZone === "string" ? localDate(timeZone, now) : undefined;
    return own ?? localDate(shopTimeZone, now) ?? (localDate("UTC", now) as LocalDate);
  });
  return {
    get country() {
      return country();
    },
    get device() {
      return device();
    },
    language,
    get referrer() {
      return referrer();
    },
    get utmSource() {
      return utmSource();
    },
    get localHour() {
      return hour();
    },
    get localDate() {
      return date();
    },
  };
}
