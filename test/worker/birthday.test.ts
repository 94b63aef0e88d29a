/**
 * The demo's birthday block, which only an established customer in their
 * birthday window ever sees.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Shopper, blocks, cookieFor, get, seedDemo } from "../support/harness";
import { ESTABLISHED, PROSPECT, dayFromToday, homeRules } from "./birthdaySupport";

beforeEach(async () => {
  await seedDemo();
});

describe("the demo's birthday block", () => {
  it("shows an established customer in the birthday window its own heading, note and code, in Italian and English", async () => {
    const claims = { ...ESTABLISHED, bd: dayFromToday(0) };
    const it = await new Shopper(await cookieFor(claims)).visit("/", { "accept-language": "it" });
    expect(blocks(it.html)[0]?.rule).toBe("home-birthday-it");
    expect(blocks(it.html)[0]?.items.length).toBeGreaterThanOrEqual(2);
    expect(it.html).toContain("Buon compleanno!");
    expect(it.html).toContain("CANDELINE");
    const en = await new Shopper(await cookieFor(claims)).visit("/", { "accept-language": "en" });
    expect(blocks(en.html)[0]?.rule).toBe("home-birthday-en");
    expect(en.html).toContain("Happy birthday!");
    expect(en.html).not.toContain("Buon compleanno");
  });

  it.each([
    [-3, true],
    [3, true],
    [-4, false],
    [4, false],
  ])("with the birthday %i days from today, shows it: %s", async (offset, shown) => {
    expect((await homeRules({ ...ESTABLISHED, bd: dayFromToday(offset) })).includes("home-birthday-it")).toBe(shown);
  });

  it("never shows a prospect who stated a birthday", async () => {
    for (const offset of [-1, 0, 1]) {
      const rules = await homeRules({ ...PROSPECT, bd: dayFromToday(offset) });
      expect(rules.some((rule) => rule.startsWith("home-birthday"))).toBe(false);
      expect(rules.length).toBeGreaterThan(0);
    }
  });

  it("counts days where the request says the shopper is, before the shop's time zone", async () => {
    // Kiritimati is 25 hours ahead of Pago Pago: their dates are always one or two days apart.
    const cookie = await cookieFor({ ...ESTABLISHED, bd: dayFromToday(3, "Pacific/Kiritimati") });
    const rulesIn = async (timezone: string) => {
      // The properties Cloudflare attaches to an incoming request; workerd keeps them as given.
      const init = { headers: { "accept-language": "it", cookie: `__Host-tact=${cookie}` }, cf: { timezone } };
      return blocks(await (await get("/", init as RequestInit)).text()).map((block) => block.rule);
    };
    expect(await rulesIn("Pacific/Kiritimati")).toContain("home-birthday-it");
    expect(await rulesIn("Pacific/Pago_Pago")).not.toContain("home-birthday-it");
  });
});
