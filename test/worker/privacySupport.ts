/** Same-origin JSON posts, as the shop's own pages make them, for the privacy test files. */
import { SHOP, get } from "../support/harness";

export const SAME_ORIGIN = { origin: SHOP, "sec-fetch-site": "same-origin" };

export function postJson(path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  return get(path, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      ...SAME_ORIGIN,
      "content-type": "application/json",
      accept: "application/json",
      ...(cookie ? { cookie: `__Host-tact=${cookie}` } : {}),
      ...headers,
    },
  });
}
