import { describe, expect, it } from "vitest";
import { deviceClass } from "../../src/core/decide/RequestFacts";
import { requestFacts } from "../../src/edges/http/requestFacts";

const NOON_UTC = new Date("2026-11-30T12:00:00Z");
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

function facts(url: string, headers: Record<string, string>, cf?: { country?: string; timezone?: string }) {
  // The properties Cloudflare attaches to an incoming request; workerd keeps them as given.
  const request = new Request(url, cf ? { headers, cf } : { headers }) as Request;
  return requestFacts(request, new URL(url), "it", NOON_UTC);
}

describe("requestFacts", () => {
  it("reads country, hour, referrer and campaign from the request", () => {
    const context = facts(
      "https://shop.example/?utm_source=NewsLetter",
      { "user-agent": DESKTOP, referer: "https://www.search.example/q?x=1" },
      { country: "it", timezone: "Europe/Rome" },
    );
    expect({ ...context }).toEqual({
      country: "IT",
      device: "desktop",
      language: "it",
      referrer: "search.example",
      utmSource: "newsletter",
      localHour: 13,
      localDate: { year: 2026, month: 11, day: 30 },
    });
  });

  it("knows nothing it was not told", () => {
    const context = facts("https://shop.example/", { referer: "https://shop.example/cart" });
    expect({ ...context }).toEqual({
      country: undefined,
      device: "desktop",
      language: "it",
      referrer: undefined,
      utmSource: undefined,
      localHour: undefined,
      localDate: { year: 2026, month: 11, day: 30 },
    });
  });

  it("gives no hour for a time zone it cannot read", () => {
    expect(facts("https://shop.example/", {}, { timezone: "Mars/Olympus" }).localHour).toBeUndefined();
  });

  it("gives today's date where the shopper is, else in the shop's time zone, else in UTC", () => {
    // 30 November, 12:00 UTC: already 1 December in Kiritimati (UTC+14), still 30 November in Pago Pago.
    const date = (cf: { timezone?: string } | undefined, shop?: string) => {
      const request = new Request("https://shop.example/", cf ? { cf } : {}) as Request;
      return requestFacts(request, new URL(request.url), "en", NOON_UTC, shop).localDate;
    };
    expect(date({ timezone: "Pacific/Kiritimati" }, "Pacific/Pago_Pago")).toEqual({ year: 2026, month: 12, day: 1 });
    expect(date(undefined, "Pacific/Kiritimati")).toEqual({ year: 2026, month: 12, day: 1 });
    expect(date({ timezone: "Mars/Olympus" }, "Pacific/Kiritimati")).toEqual({ year: 2026, month: 12, day: 1 });
    expect(date({ timezone: "Pacific/Kiritimati" })).toEqual({ year: 2026, month: 12, day: 1 });
    expect(date(undefined)).toEqual({ year: 2026, month: 11, day: 30 });
  });

  it("works a fact out only when it is read, and once", () => {
    let cfReads = 0;
    const request = {
      headers: new Headers({ "user-agent": DESKTOP }),
      get cf() {
        cfReads += 1;
        return { country: "fr", timezone: "Europe/Paris" };
      },
    } as unknown as Request;
    const context = requestFacts(request, new URL("https://shop.example/"), "en", NOON_UTC);
    expect(context.device).toBe("desktop");
    expect(cfReads).toBe(0);
    expect([context.localHour, context.localHour, context.country]).toEqual([13, 13, "FR"]);
    expect(cfReads).toBe(1);
  });
});

describe("deviceClass", () => {
  it.each([
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", "mobile"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126.0 Mobile Safari/537.36", "mobile"],
    ["Mozilla/5.0 (Linux; Android 14; SM-X700) Chrome/126.0 Safari/537.36", "tablet"],
    ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Mobile/15E148", "tablet"],
    [DESKTOP, "desktop"],
    ["", "desktop"],
  ])("%s is %s", (userAgent, expected) => {
    expect(deviceClass(userAgent)).toBe(expected);
  });
});
