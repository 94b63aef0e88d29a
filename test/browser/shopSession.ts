/**
 * The stack, the browser and the helpers of shop.e2e.ts: one local stack on
 * ports apart from `npm start`'s, with KV of its own seeded from kv-seed/, and
 * one Chromium profile (one cookie jar) that the steps share. What the steps
 * learn and check is kept here too (visit).
 */
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { expect } from "vitest";
import { type LocalStack, startLocalStack } from "../../tools/dev/localStack";
import { readSeedState, seedKv } from "../../tools/dev/seed";
import { type Chromium, launchChromium } from "./chromium";
import { type CardLook, cardLook, inspectSlot } from "./inspectBlocks";
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
export const catalog = JSON.parse(await readFile(join(root, "kv-seed/products.json"), "utf8")) as CatalogSource;
export const categoryOf = (id: string) => catalog.products.find((product) => product.id === id)?.category;

/** Blocks and the shop's own cards are told apart by tact's marker attribute. */
export const SHOP_CARD = ".site-main .product-card:not([data-tact-item])";
export const BLOCK_CARD = (slot: string) => `${slot} [data-tact-rule] [data-tact-item]`;

export let stack: LocalStack;
export let browser: Chromium;
export let page: Page;
export let problems: PageProblem[];
const stackOutput: string[] = [];
let failed = false;
let persistTo: string | undefined;

/** What one step learns and a later one checks. */
export const visit: {
  homeCategories: string[];
  browsedCategory: string;
  shopCardLook?: CardLook | undefined;
  viewed: string[];
  /** The page the shopper was last on in the shop. */
  lastPath: string;
} = { homeCategories: [], browsedCategory: "kitchen", viewed: [], lastPath: "/" };

/** Asserts the slot holds tact's block(s), each native-looking; returns the item ids shown. */
export async function expectBlocksIn(slot: string, shopLook?: CardLook): Promise<string[]> {
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

export function expectNoProblemsSince(mark: number): void {
  expect(problems.slice(mark), "console errors, script errors or CSP violations").toEqual([]);
}

export async function screenshot(name: string): Promise<void> {
  await page.mouse.move(0, 0); // no card left in its hover state
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  const { size } = await stat(path);
  expect(size, `${name} stays a reasonable size`).toBeLessThan(2_000_000);
}

/** Begins a step where it expects to be, even if the step before it failed elsewhere. */
export async function startFrom(path: string): Promise<void> {
  const here = new URL(page.url());
  if (here.origin !== stack.tactUrl || here.pathname + here.search !== path) await page.goto(`${stack.tactUrl}${path}`);
}

/** Clicks a link and waits for the page it leads to; returns that page's response. */
export async function clickThrough(selector: string, url: string): Promise<Response> {
  const navigated = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame());
  // Awaited below; this only keeps it from going unhandled if the click fails first.
  navigated.catch(() => undefined);
  await page.locator(selector).first().click();
  await page.waitForURL(url);
  return navigated;
}

/** tact's own pages carry a strict CSP; without it, "no violations" would prove nothing. */
export function expectStrictCsp(response: Response): void {
  expect(response.headers()["content-security-policy"], `CSP of ${response.url()}`).toContain("default-src 'none'");
}

/** Starts the stack and the browser (the steps' beforeAll). */
export async function openShop(): Promise<void> {
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
}

/** The step that failed, if any, gets the stack's last lines with its report. */
export function markFailed(): void {
  failed = true;
}

/** Stops the browser and the stack (the steps' afterAll). */
export async function closeShop(): Promise<void> {
  await browser?.close();
  await stack?.stop();
  if (persistTo) await rm(persistTo, { recursive: true, force: true });
  if (failed) console.error(`last lines from the local stack:\n${stackOutput.slice(-60).join("\n")}`);
}
