/**
 * Facts about the request that personas may use. None of them is stored:
 * they describe this request only. The edge reads them from the request
 * (edges/http/requestFacts), each only when a condition asks for it.
 */
import type { LocalDate } from "../profile/birthday";
import type { DEVICE_CLASSES } from "../ruleset/Condition";

export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export interface RequestFacts {
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
  /** Today's date where the shopper is, when the request says; else in the shop's time zone (settings.timeZone). */
  readonly localDate: LocalDate;
}

export function deviceClass(userAgent: string): DeviceClass {
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(userAgent)) return "tablet";
  if (/Mobi|iPhone|iPod|Android.*Mobile|Windows Phone/i.test(userAgent)) return "mobile";
  return "desktop";
}
