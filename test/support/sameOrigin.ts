/** Requests as the shop's own pages make them: same-origin, JSON in and out. */
import { SHOP, get } from "./harness";

export const SAME_ORIGIN = { origin: SHOP, "sec-fetch-site": "same-origin" };

/** A same-origin JSON request (a string body goes as it is), with tact's cookie when given. */
export function postJson(
  path: string,
  body: unknown,
  cookie?: string,
  headers: Record<string, string> = {},
  method = "POST",
) {
  return get(path, {
    method,
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
