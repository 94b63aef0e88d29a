/**
 * The demo shop through tact, in a real browser: one shopper's visit, step by
 * step, from a first look at the home page to asking to be forgotten. The
 * steps share one browser profile (one cookie jar), so they run in order.
 *
 * It starts its own local stack on ports apart from `npm start`'s, and Debian's
 * Chromium (`CHROMIUM_PATH` to use another). Run with `npm run test:browser`.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../tools/dev/localStack";
import { readSeedState, seedKv } from "../../tools/dev/seed";
import { LOCAL_COOKIE_NAME } from "../../src/edges/cookie/profileCookie";
import { type Chromium, launchChromium } from "./chromium";
import { type CardLook, cardLook, inspectSlot, loadSlotImages } from "./inspectBlocks";
import { type PageProblem, watchPageProblems } from "./pageProblems";

// TACT_E2E_PORT moves all four ports (tact, shop, their inspectors) to a block of one's own.
const PORT_BASE = process.env["TACT_E2E_PORT"] ? Number(process.env["TACT_E2E_PORT"]) : undefined;
const TACT_PORT = PORT_BASE ?? 8797;
const SHOP_PORT = PORT_BASE === undefined ? 8798 : PORT_BASE + 1;
const INSPECTOR_PORTS =
  PORT_BASE === undefined ? { tact: 9239, shop: 9240 } : { tact: PORT_BASE + 2, shop: PORT_BASE + 3 };

const root = new URL("../../", import.meta.url).pathname;
const SCREENSHOTS = join(root, "docs/screenshots");

interface CatalogSource {
  categories: { slug: string; name: { it: string }; sensitive?: boolean }[];
  products: { id: string; title: string; category: string; inStock: boolean }[];
}
const catalog = JSON.parse(await readFile(join(root, "kv-seed/products.json"), "utf8")) as CatalogSource;
const categoryOf = (id: string) => catalog.products.find((product) => product.id === id)?.category;

/** Blocks and the shop's own cards are told apart by tact's marker attribute. */
const SHOP_CARD = ".site-main .product-card:not([data-tact-item])";
const BLOCK_CARD = (slot: string) => `${slot} [data-tact-rule] [data-tact-item]`;

let stack: LocalStack;
let browser: Chromium;
let page: Page;
let problems: PageProblem[];
const stackOutput: string[] = [];
let failed = false;
let persistTo: string | undefined;

/** What one step learns and a later one checks. */
const visit: {
  homeCategories: string[];
  browsedCategory: string;
  shopCardLook?: CardLook | undefined;
  viewed: string[];
  /** The page the shopper was last on in the shop. */
  lastPath: string;
} = { homeCategories: [], browsedCategory: "kitchen", viewed: [], lastPath: "/" };

/** Asserts the slot holds tact's block(s), each native-looking; returns the item ids shown. */
async function expectBlocksIn(slot: string, shopLook?: CardLook): Promise<string[]> {
  const report = await inspectSlot(page, slot);
  expect(report.slotCount, `one ${slot} element on ${page.url()}`).toBe(1);
  expect(report.blocks.length, `a block in ${slot} on ${page.url()}`).toBeGreaterThanOrEqual(1);
  for (const block of report.blocks) {
    expect(block.inSlot, `block ${block.rule} sits directly in ${slot}`).toBe(true);
    expect(block.heading, `block ${block.rule} has a heading`).not.toBe("");
    expect(block.items.length, `block ${block.rule} offers at least two items`).toBeGreaterThanOrEqual(2);
    expect(block.brokenImages, `block ${block.rule}: images that did not load`).toEqual([]);
    expect(block.insideMainColumn, `block ${block.rule} stays inside the main column`).toBe(true);
  }
  expect(report.horizontalOverflow, `horizontal overflow on ${page.url()}`).toBe(false);

  const look = await cardLook(page, BLOCK_CARD(slot));
  expect(look, `a complete product card in ${slot}`).toBeDefined();
  if (look && shopLook) {
    // Same grid, same column: a block's card is exactly as wide as the shop's own.
    expect(look.width, "card width against the shop's cards").toBeCloseTo(shopLook.width, 0);
    expect(look.imageWidth, "image width against the shop's cards").toBeCloseTo(shopLook.imageWidth, 0);
    expect(look.imageHeight, "image height against the shop's cards").toBeCloseTo(shopLook.imageHeight, 0);
    expect(look.styles, "computed styles against the shop's cards").toEqual(shopLook.styles);
  }
  return report.blocks.flatMap((block) => block.items.map((item) => item.id));
}

function expectNoProblemsSince(mark: number): void {
  expect(problems.slice(mark), "console errors, script errors or CSP violations").toEqual([]);
}

async function screenshot(name: string): Promise<void> {
  await page.mouse.move(0, 0); // no card left in its hover state
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  const { size } = await stat(path);
  expect(size, `${name} stays a reasonable size`).toBeLessThan(2_000_000);
}

/** Begins a step where it expects to be, even if the step before it failed elsewhere. */
async function startFrom(path: string): Promise<void> {
  const here = new URL(page.url());
  if (here.origin !== stack.tactUrl || here.pathname + here.search !== path) await page.goto(`${stack.tactUrl}${path}`);
}

/** Clicks a link and waits for the page it leads to; returns that page's response. */
async function clickThrough(selector: string, url: string): Promise<Response> {
  const navigated = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame());
  // Awaited below; this only keeps it from going unhandled if the click fails first.
  navigated.catch(() => undefined);
  await page.locator(selector).first().click();
  await page.waitForURL(url);
  return navigated;
}

/** tact's own pages carry a strict CSP; without it, "no violations" would prove nothing. */
function expectStrictCsp(response: Response): void {
  expect(response.headers()["content-security-policy"], `CSP of ${response.url()}`).toContain("default-src 'none'");
}

describe("the demo shop through tact, in Chromium", () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    // Local KV of its own, seeded from kv-seed/: the demo as shipped, whatever
    // a tester has toggled in the KV that npm start uses.
    persistTo = await mkdtemp(join(tmpdir(), "tact-e2e-kv-"));
    const target = { remote: false, env: undefined, persistTo, config: join(root, "wrangler.toml") };
    await seedKv(target, await readSeedState(target), true);
    stack = await startLocalStack({
      persistTo,
      tactPort: TACT_PORT,
      shopPort: SHOP_PORT,
      inspectorPorts: INSPECTOR_PORTS,
      onOutput: (line) => stackOutput.push(line),
      startTimeoutMs: 90_000, // a busy CI machine may take a while
    });
    // A first page warms the isolate (ruleset, KV) so no slot misses its deadline on a cold start.
    await (await fetch(`${stack.tactUrl}/products/p01`)).text();
    browser = await launchChromium({ locale: "it-IT" });
    problems = await watchPageProblems(browser.context);
    // Fail a step in seconds, not in the 30 s default, so one failure does not stall the rest.
    browser.context.setDefaultTimeout(10_000);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 150_000);

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      failed = true;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (persistTo) await rm(persistTo, { recursive: true, force: true });
    if (failed) console.error(`last lines from the local stack:\n${stackOutput.slice(-60).join("\n")}`);
  }, 30_000);

  it("home: a block in .home-picks, cards like the shop's own", async () => {
    const mark = problems.length;
    const response = await page.goto(`${stack.tactUrl}/`);
    expect(response?.status()).toBe(200);
    await loadSlotImages(page, SHOP_CARD);
    const shopLook = await cardLook(page, SHOP_CARD);
    expect(shopLook, "the shop's featured cards").toBeDefined();
    const shown = await expectBlocksIn(".home-picks", shopLook);
    visit.homeCategories = shown.map((id) => categoryOf(id) ?? "");
    expectNoProblemsSince(mark);
  });

  it("category: reached from the navigation, a block in .category-more", async () => {
    const mark = problems.length;
    await startFrom("/");
    await clickThrough(
      `.site-nav a[href="/category/${visit.browsedCategory}"]`,
      `**/category/${visit.browsedCategory}`,
    );
    await loadSlotImages(page, SHOP_CARD);
    visit.shopCardLook = await cardLook(page, SHOP_CARD);
    expect(visit.shopCardLook, "the category's own cards").toBeDefined();
    await expectBlocksIn(".category-more", visit.shopCardLook);
    expectNoProblemsSince(mark);
  });

  it("product: reached from the category grid, a block in .product-extras", async () => {
    const mark = problems.length;
    await startFrom(`/category/${visit.browsedCategory}`);
    const card = page.locator(SHOP_CARD).first();
    const title = (await card.locator(".product-card__title").textContent())?.trim() ?? "";
    await card.locator("a").click();
    await page.waitForURL("**/products/*");
    await expect.poll(() => page.locator("h1").textContent()).toBe(title);
    visit.viewed.push(title);
    visit.lastPath = new URL(page.url()).pathname;
    // No shop cards on a product page: measure against the category page's, same column width.
    await expectBlocksIn(".product-extras", visit.shopCardLook);
    await screenshot("product.png");
    expectNoProblemsSince(mark);
  });

  it("clicking a recommended item opens that product", async () => {
    const mark = problems.length;
    await startFrom(visit.lastPath);
    const item = page.locator(BLOCK_CARD(".product-extras")).first();
    const id = await item.getAttribute("data-tact-item");
    const title = (await item.locator(".product-card__title").textContent())?.trim() ?? "";
    await item.locator("a").click();
    await page.waitForURL(`**/products/${id}`);
    expect((await page.locator("h1").textContent())?.trim()).toBe(title);
    visit.viewed.push(title);
    visit.lastPath = new URL(page.url()).pathname;
    await expectBlocksIn(".product-extras", visit.shopCardLook);
    expectNoProblemsSince(mark);
  });

  it("preferences: ticking “Mi interessa” for a category brings it to the home page", async () => {
    const mark = problems.length;
    // A category the shopper has not browsed and the home page did not already show.
    const liked = catalog.categories.find(
      (category) =>
        !category.sensitive &&
        category.slug !== visit.browsedCategory &&
        !visit.homeCategories.includes(category.slug) &&
        catalog.products.filter((p) => p.category === category.slug && p.inStock).length >= 2,
    );
    expect(liked, "a category to like").toBeDefined();
    const { slug, name } = liked!;

    await startFrom(visit.lastPath);
    expectStrictCsp(await clickThrough('.site-footer a[href="/__tact/prefs"]', "**/__tact/prefs"));
    await page.getByRole("group", { name: name.it }).getByLabel("Mi interessa").check();
    await page.getByRole("button", { name: "Salva le preferenze" }).click();
    await page.waitForURL("**/__tact/prefs?saved");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Preferenze salvate.");
    expect(await page.locator(`input[name="c-${slug}"][value="more"]`).isChecked()).toBe(true);

    await clickThrough('.tact-links a[href="/"]', `${stack.tactUrl}/`);
    const shown = await expectBlocksIn(".home-picks");
    expect(
      shown.map((id) => categoryOf(id)),
      `the home page's picks include ${slug}`,
    ).toContain(slug);
    await screenshot("home.png");
    expectNoProblemsSince(mark);
  });

  it("profile: lists the products viewed, by title", async () => {
    const mark = problems.length;
    await startFrom("/");
    expectStrictCsp(await clickThrough('.site-footer a[href="/__tact/profile"]', "**/__tact/profile"));
    const text = await page.locator("main").innerText();
    for (const title of visit.viewed) expect(text).toContain(title);
    expectNoProblemsSince(mark);
  });

  it("birthday: stated on the preferences page, shown in words on the profile page, removed on its own", async () => {
    const mark = problems.length;
    await startFrom("/__tact/prefs");
    await page.getByLabel("Giorno").selectOption("14");
    await page.getByLabel("Mese").selectOption("3");
    await page.getByRole("button", { name: "Salva il compleanno" }).click();
    await page.waitForURL("**/__tact/prefs?birthday=saved");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Compleanno salvato.");

    await clickThrough('.tact-links a[href="/__tact/profile"]', "**/__tact/profile");
    const birthday = page
      .locator("dt", { hasText: "Il compleanno che ci hai detto" })
      .locator("xpath=following-sibling::dd[1]");
    expect(await birthday.innerText()).toContain("14 marzo");
    await page.getByRole("button", { name: "Togli il compleanno" }).click();
    await page.waitForURL("**/__tact/profile?birthday=removed");
    expect(await birthday.innerText()).toContain("non ce l'hai detto");
    const text = await page.locator("main").innerText();
    for (const title of visit.viewed) expect(text, "the rest of the profile stays").toContain(title);
    expectNoProblemsSince(mark);
  });

  it("forget: one click, then no profile and no profile-driven block", async () => {
    const mark = problems.length;
    await startFrom("/__tact/profile");
    expectStrictCsp(await clickThrough('.tact-links a[href="/__tact/forget"]', "**/__tact/forget"));
    await page.getByRole("button", { name: "Cancella il mio profilo" }).click();
    await page.waitForURL("**/__tact/forget?done");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("il tuo profilo è cancellato");

    const cookies = await browser.context.cookies(stack.tactUrl);
    // The local stack is plain http on loopback, where the cookie is `tact` (`__Host-tact` on https).
    expect(
      cookies.find((cookie) => cookie.name === LOCAL_COOKIE_NAME)?.value,
      "the tact cookie is only an opt-out marker",
    ).toBe("out");

    await clickThrough('.tact-links a[href="/"]', `${stack.tactUrl}/`);
    const home = await inspectSlot(page, ".home-picks");
    expect(home.blocksOnPage, "blocks on the home page once forgotten").toBe(0);
    const after = await browser.context.cookies(stack.tactUrl);
    expect(
      after.find((cookie) => cookie.name === LOCAL_COOKIE_NAME)?.value,
      "browsing does not start a new profile",
    ).toBe("out");
    expectNoProblemsSince(mark);
  });
});
