/**
 * Facts about the request that personas may use. None of them is stored:
 * they describe this request only.
 */
import type { DEVICE_CLASSES } from "../../core/ruleset/Condition";

export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export interface RequestContext {
  /** Two-letter country code from Cloudflare, when known. */
  readonly country: string | undefined;
  readonly device: DeviceClass;
  /** The language copy is shown in. */
  readonly language: string;
  /** Host of the referring site, without "www.", when it is another site. */
  readonly referrer: string | undefined;
  readonly utmSource: string | undefined;
  /** Hour of day (0–23) where the shopper is, when the time zone is known. */
  readonly localHour: number | undefined;
}

export function deviceClass(userAgent: string): DeviceClass {
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(userAgent)) return "tablet";
  if (/Mobi|iPhone|iPod|Android.*Mobile|Windows Phone/i.test(userAgent)) return "mobile";
  return "desktop";
}

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
 * all) are never computed.
 */
export function requestContext(request: Request, url: URL, language: string, now: Date): RequestContext {
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
  };
}
