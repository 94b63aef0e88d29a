import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signPreview } from "../../src/edges/cookie/preview";
import {
  SHOP,
  blocks,
  cookieFor,
  demoWithHomeExperiment,
  getWithEnv,
  loggedEvents,
  now,
  putRuleSet,
  seedDemo,
  tactCookie,
} from "../support/harness";
import { SAME_ORIGIN } from "../support/sameOrigin";

const SECRET = "preview-secret-for-tests-only-0123456789";

/** The demo ruleset with an A/B test on the home page's main block. */
const experimentRuleSet = demoWithHomeExperiment({ key: "home-test" });

/** A browser that keeps tact's cookies and waits for tact's background work after each page. */
class Browser {
  cookies = new Map<string, string>();

  async visit(path: string, init: RequestInit = {}): Promise<{ response: Response; html: string }> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const headers = { ...Object.fromEntries(new Headers(init.headers)), ...(cookie ? { cookie } : {}) };
    const response = await getWithEnv(path, { TACT_PREVIEW_SECRET: SECRET }, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split("; ");
      const [name = "", value = ""] = pair.split("=");
      if (attributes.includes("Max-Age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { response, html: await response.text() };
  }
}

/** A shopper whose anonymous id lands in the wanted variant (found by trying ids). */
async function shopperIn(variant: "control" | "treatment"): Promise<Browser> {
  for (let n = 0; n < 50; n++) {
    const browser = new Browser();
    const id = `T${String(n).padStart(21, "0")}`;
    browser.cookies.set("__Host-tact", await cookieFor({ id, vis: 1, ls: now() - 60 }));
    const { html } = await browser.visit("/");
    const shown = blocks(html).map((b) => b.rule);
    if ((variant === "treatment") === shown.includes("home-for-you")) return browser;
  }
  throw new Error(`no test id fell in ${variant}`);
}

let logs: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  await seedDemo();
  await putRuleSet(experimentRuleSet);
  logs = vi.spyOn(console, "log").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an experiment on the demo shop", () => {
  it("shows the treatment's change and records exposure, click-through and conversion once each", async () => {
    const browser = await shopperIn("treatment");
    logs.mockClear();

    const home = await browser.visit("/");
    expect(home.html).toContain("Novit&#xe0; in bottega");
    const item = blocks(home.html).find((b) => b.rule === "home-for-you")!.items[0]!;
    await browser.visit(`/products/${item}`);
    await browser.visit("/category/kitchen");
    await browser.visit("/checkout/complete");
    await browser.visit("/checkout/complete");

    const events = loggedEvents(logs).filter((e) => e["experiment"] === "home-test");
    expect(events.map((e) => e["type"])).toEqual(["exposure", "click", "conversion"]);
    expect(events[0]).toMatchObject({ rule: "home-for-you", variant: "treatment", share: 0.5, shown: true });
    expect(events[1]).toMatchObject({ rule: "home-for-you", variant: "treatment", item });
    expect(events[2]).toMatchObject({ variant: "treatment", share: 0.5 });
    const shopper = String(events[0]!["shopper"]);
    expect(shopper).toMatch(/^[0-9a-f]{16}$/);
    expect(events.every((e) => e["shopper"] === shopper)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("T00000");
  });

  it("shows the control nothing in that slot, yet records that it would have shown", async () => {
    const browser = await shopperIn("control");
    logs.mockClear();
    const { html } = await browser.visit("/");
    expect(blocks(html).map((b) => b.rule)).not.toContain("home-for-you");
    const [exposure] = loggedEvents(logs).filter((e) => e["experiment"] === "home-test");
    expect(exposure).toMatchObject({ type: "exposure", variant: "control", shown: false, items: 4 });
  });

  it("does not enrol shoppers without a profile", async () => {
    const browser = new Browser();
    const { response, html } = await browser.visit("/", { headers: { "sec-gpc": "1" } });
    expect(tactCookie(response)).toBeUndefined();
    expect(blocks(html)).toEqual([]);
    expect(loggedEvents(logs)).toEqual([]);
  });
});

describe("the holdout", () => {
  it("keeps held-out shoppers away from every block and measures them against the rest", async () => {
    await putRuleSet({
      ...experimentRuleSet,
      settings: { ...experimentRuleSet.settings, holdout: { key: "program", percent: 50 } },
    });
    const seen = new Map<string, { blocks: number; exposure: Record<string, unknown> | undefined }>();
    for (let n = 0; n < 12; n++) {
      const browser = new Browser();
      browser.cookies.set(
        "__Host-tact",
        await cookieFor({ id: `H${String(n).padStart(21, "0")}`, vis: 1, ls: now() - 60 }),
      );
      logs.mockClear();
      const { html } = await browser.visit("/products/p01");
      const exposure = loggedEvents(logs).find((e) => e["experiment"] === "program");
      seen.set(String(n), { blocks: blocks(html).length, exposure });
    }
    const held = [...seen.values()].filter((s) => s.exposure?.["variant"] === "holdout");
    const rest = [...seen.values()].filter((s) => s.exposure?.["variant"] === "personalized");
    expect(held.length).toBeGreaterThan(0);
    expect(rest.length).toBeGreaterThan(0);
    expect(held.length + rest.length).toBe(12);
    for (const shopper of held) {
      expect(shopper.blocks).toBe(0);
      expect(shopper.exposure).toMatchObject({ shown: false, share: 0.5 });
    }
    for (const shopper of rest) expect(shopper.blocks).toBe(1);
  });
});

describe("previews", () => {
  it("force a rule and variant for this browser only, with a banner and a way out", async () => {
    const browser = await shopperIn("control");
    const token = await signPreview({ rule: "home-for-you", variant: "treatment" }, SECRET, 3600, now());

    // A plain query string forces nothing.
    const plain = await browser.visit("/?variant=treatment&rule=home-for-you");
    expect(plain.html).not.toContain("Novit&#xe0; in bottega");

    const landing = await browser.visit(`/__tact/preview?token=${token}`);
    expect(landing.html).toContain("Start preview");
    expect(browser.cookies.has("tact_preview")).toBe(false);

    const started = await browser.visit("/__tact/preview", {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(started.response.status).toBe(303);
    expect(browser.cookies.get("tact_preview")).toBe(token);

    logs.mockClear();
    const previewed = await browser.visit("/");
    expect(previewed.html).toContain("Novit&#xe0; in bottega");
    expect(previewed.html).toContain("data-tact-preview");
    expect(previewed.html).toContain("Preview: home-for-you &#xb7; treatment");
    expect(loggedEvents(logs)).toEqual([]);

    const left = await browser.visit("/__tact/preview/exit", {
      method: "POST",
      headers: { ...SAME_ORIGIN, referer: `${SHOP}/category/garden` },
    });
    expect(left.response.headers.get("location")).toBe("/category/garden");
    expect(browser.cookies.has("tact_preview")).toBe(false);
    expect((await browser.visit("/")).html).not.toContain("data-tact-preview");
  });

  it.each([
    ["expired", async () => signPreview({ rule: "home-for-you", variant: "treatment" }, SECRET, 60, now() - 600)],
    [
      "signed with another secret",
      async () => signPreview({ rule: "home-for-you", variant: "treatment" }, `${SECRET}!`, 3600, now()),
    ],
  ])("refuse a token that is %s, and force nothing", async (_name, make) => {
    const browser = await shopperIn("control");
    const token = await make();
    const refused = await browser.visit("/__tact/preview", {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(refused.response.status).toBe(400);
    browser.cookies.set("tact_preview", token);
    expect((await browser.visit("/")).html).not.toContain("Novit&#xe0; in bottega");
  });
});
