/**
 * People, not bots: a crawler gets the shop's own page, with no block, no
 * cookie and no events, so search engines index what the shop serves and
 * experiments count people only. Cloudflare's own verdict comes first where
 * the zone's plan provides it (Bot Management's verifiedBot, the verified
 * bot's category); everywhere else (other plans, `npm start`) the user
 * agent is matched against isbot's maintained list. A bot that hides behind a
 * browser's user agent on a plan without Bot Management is not caught.
 */
import { isbot } from "isbot";

/** How a request was known as a bot, for the log line; undefined for a person. */
export type BotVerdict = "verified" | "category" | "user-agent";

export function botOf(request: Request): BotVerdict | undefined {
  const cf = request.cf;
  if (cf) {
    const management = cf.botManagement as { verifiedBot?: unknown } | undefined;
    if (management?.verifiedBot === true) return "verified";
    const category = cf.verifiedBotCategory;
    if (typeof category === "string" && category !== "") return "category";
  }
  return isbot(request.headers.get("user-agent")) ? "user-agent" : undefined;
}
