/** Requests and shoppers the birthday test files share: same-origin posts, pages by language, established or not. */
import { Shopper, blocks, cookieFor, get, now } from "../support/harness";
import { SAME_ORIGIN } from "../support/sameOrigin";

export const DAY = 86_400;

export function postForm(
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  return get(path, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: {
      ...SAME_ORIGIN,
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie: `__Host-tact=${cookie}` } : {}),
      ...headers,
    },
  });
}

export const page = async (
  path: string,
  cookie: string | undefined,
  language = "en",
  headers: Record<string, string> = {},
) =>
  (
    await get(path, {
      headers: { "accept-language": language, ...(cookie ? { cookie: `__Host-tact=${cookie}` } : {}), ...headers },
    })
  ).text();

/** Day and month `offset` days from today in `timeZone`. */
export function dayFromToday(offset: number, timeZone = "Europe/Rome"): [day: number, month: number] {
  const parts = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric", timeZone })
    .formatToParts(new Date())
    .reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
  const shifted = new Date(Date.UTC(parts["year"]!, parts["month"]! - 1, parts["day"]! + offset));
  return [shifted.getUTCDate(), shifted.getUTCMonth() + 1];
}

/** Established by the demo's settings: five visits over fifteen days. */
export const ESTABLISHED = { vis: 6, fs: now() - 20 * DAY, pf: ["home"] };
export const PROSPECT = { vis: 2, fs: now() - 2 * DAY, pf: ["home"] };

export const homeRules = async (
  claims: Record<string, unknown>,
  language = "it",
  headers: Record<string, string> = {},
) =>
  blocks((await new Shopper(await cookieFor(claims)).visit("/", { "accept-language": language, ...headers })).html).map(
    (block) => block.rule,
  );
