/**
 * The shop's time zone, for facts that need today's date when the request
 * does not say where the shopper is. Checked by the engine's own time zone
 * data (Intl, the same in workerd and Node), so a name the edge could not
 * use is refused before it is published.
 */
import * as v from "valibot";

/** The zone's canonical IANA name, or undefined when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const TimeZoneSchema = v.pipe(
  v.string(),
  v.maxLength(64),
  v.check((name) => canonicalTimeZone(name) !== undefined, 'must be an IANA time zone such as "Europe/Rome"'),
  v.transform((name) => canonicalTimeZone(name) ?? name),
);
