/**
 * The words on tact's own pages and the demo shop's small parts: Italian that
 * agrees with its nouns, a profile page that says why there is no profile, a
 * preview refusal headed as such, and an icon for every page.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { signPreview } from "../../src/edges/cookie/preview";
import { Shopper, get, getWithEnv, seedDemo } from "../support/harness";
import { SAME_ORIGIN } from "../support/sameOrigin";

const SECRET = "preview-secret-for-tests-only-0123456789";

/** The page's heading and the text of one <dt>'s <dd>. */
const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
function definition(html: string, term: string): string | undefined {
  const at = html.indexOf(`<dt>${term}</dt>`);
  if (at < 0) return undefined;
  return /<dd>\s*([^<]*?)\s*<\/dd>/.exec(html.slice(at))?.[1];
}

beforeEach(async () => {
  await seedDemo();
});

describe("the profile page in Italian", () => {
  it("says “nessuna” for categories and “nessuno” for products", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    await shopper.visit("/");
    const html = await (
      await get("/__tact/profile", { headers: { cookie: `__Host-tact=${shopper.cookie}`, "accept-language": "it" } })
    ).text();
    expect(definition(html, "Categorie che ci hai detto di preferire")).toBe("nessuna");
    expect(definition(html, "Categorie che ci hai detto di evitare")).toBe("nessuna");
    expect(definition(html, "Suggerimenti che limitiamo per non essere insistenti (volte mostrati)")).toBe("nessuno");
    expect(html).not.toMatch(/<dt>Categorie[^<]*<\/dt>\s*<dd>\s*nessuno\s*<\/dd>/);
  });
});

describe("the profile page after “Forget me”", () => {
  it.each([
    ["it", "Ci hai chiesto di dimenticarti", "non abbiamo un profilo"],
    ["en", "You asked us to forget you", "this browser has no profile"],
  ])("says the shopper asked to be forgotten (%s)", async (language, says, saysNot) => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const forget = await get("/__tact/forget", {
      method: "POST",
      headers: { ...SAME_ORIGIN, cookie: `__Host-tact=${shopper.cookie}` },
    });
    expect(forget.headers.getSetCookie()[0]).toMatch(/^__Host-tact=out;/);

    const html = await (
      await get("/__tact/profile", { headers: { cookie: "__Host-tact=out", "accept-language": language } })
    ).text();
    expect(html).toContain(says);
    expect(html).not.toContain(saysNot);
  });

  it("still says “nothing yet” to a browser that was never forgotten", async () => {
    const html = await (await get("/__tact/profile", { headers: { "accept-language": "en" } })).text();
    expect(html).toContain("Nothing yet: this browser has no profile.");
  });
});

describe("a preview link that cannot be used", () => {
  const NOW = Math.floor(Date.now() / 1000);
  it.each([
    ["invalid", async () => "not.a.token", "this preview link is not valid"],
    [
      "expired",
      async () => signPreview({ rule: "home-for-you", variant: "baseline" }, SECRET, 60, NOW - 3600),
      "this preview link has expired",
    ],
  ])("is headed as a preview, not as the shopper's preferences (%s)", async (_kind, token, message) => {
    const response = await getWithEnv(`/__tact/preview?token=${encodeURIComponent(await token())}`, {
      TACT_PREVIEW_SECRET: SECRET,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(heading(html)).toBe("Preview not available");
    expect(html).toContain(message);
    expect(html).not.toContain("Your preferences");
  });

  it("is headed the same when posted", async () => {
    const response = await getWithEnv(
      "/__tact/preview",
      { TACT_PREVIEW_SECRET: SECRET },
      {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: "token=not.a.token",
      },
    );
    expect(response.status).toBe(400);
    expect(heading(await response.text())).toBe("Preview not available");
  });
});

describe("the demo shop's icon", () => {
  it.each(["/images/favicon.svg", "/favicon.ico"])("%s answers with the shop's icon, through tact", async (path) => {
    const response = await get(path, { headers: { "sec-fetch-dest": "image" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
  });

  it("is the icon every shop page names", async () => {
    const html = await (await get("/products/p01")).text();
    expect(html).toContain('<link rel="icon" href="/images/favicon.svg" type="image/svg+xml">');
  });
});
