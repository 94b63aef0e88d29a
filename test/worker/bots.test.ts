import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  blocks,
  cookieFor,
  getWithEnv,
  loggedEvents,
  originBytes,
  seedDemo,
  tactCookie,
  withTactCookie,
} from "../support/harness";

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const PAGE = { accept: "text/html", "sec-fetch-dest": "document" };

let logs: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  await seedDemo();
  logs = vi.spyOn(console, "log").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The home page as a request with these headers and cf properties gets it, and what tact logged. */
async function home(headers: Record<string, string>, cf?: Record<string, unknown>) {
  const response = await getWithEnv("/", {}, { headers: { ...PAGE, ...headers }, ...(cf ? { cf } : {}) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, html: new TextDecoder().decode(bytes), logged: botLines() };
}

/** tact's log lines about bots. */
function botLines(): Record<string, unknown>[] {
  return (logs.mock.calls as unknown[][])
    .map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)
    .filter((line) => String(line["event"]).startsWith("bot."));
}

describe("bots", () => {
  it("gives a crawler named by its user agent the origin's page byte for byte, no cookie, no events", async () => {
    const cookie = await cookieFor({ vis: 3 });
    const { response, bytes, logged } = await home({ "user-agent": GOOGLEBOT, ...withTactCookie(cookie) });
    expect(bytes).toEqual(await originBytes("/"));
    expect(tactCookie(response)).toBeUndefined();
    expect(response.headers.get("cache-control")).not.toMatch(/private/);
    expect(loggedEvents(logs)).toEqual([]);
    expect(logged).toEqual([{ level: "info", event: "bot.page", via: "user-agent", path: "/" }]);
  });

  it("trusts Cloudflare's verified-bot verdict whatever the user agent says", async () => {
    const { response, bytes } = await home({ "user-agent": BROWSER }, { botManagement: { verifiedBot: true } });
    expect(bytes).toEqual(await originBytes("/"));
    expect(tactCookie(response)).toBeUndefined();
    expect(loggedEvents(logs)).toEqual([]);
  });

  it("trusts a verified bot's category", async () => {
    const { response, bytes } = await home({ "user-agent": BROWSER }, { verifiedBotCategory: "Search Engine Crawler" });
    expect(bytes).toEqual(await originBytes("/"));
    expect(tactCookie(response)).toBeUndefined();
  });

  it("still personalizes a browser, Bot Management saying it is no verified bot", async () => {
    const cf = { botManagement: { verifiedBot: false, score: 90 }, verifiedBotCategory: "" };
    const { response, html } = await home({ "user-agent": BROWSER }, cf);
    expect(blocks(html).length).toBeGreaterThan(0);
    expect(tactCookie(response)).toBeDefined();
    expect(botLines()).toEqual([]);
  });

  it("logs nothing for a bot's asset", async () => {
    const response = await getWithEnv("/__test/json", {}, { headers: { "user-agent": GOOGLEBOT } });
    expect(await response.json()).toEqual({ hello: "world" });
    expect(botLines()).toEqual([]);
  });
});
