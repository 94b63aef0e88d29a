/**
 * The demo shop through tact, in a real browser: one shopper's visit, step by
 * step, from a first look at the home page to asking to be forgotten. The
 * steps share one browser profile (one cookie jar), so they run in order.
 *
 * It starts its own local stack on ports apart from `npm start`'s, and Debian's
 * Chromium (`CHROMIUM_PATH` to use another): shopSession.ts. Run with
 * `npm run test:browser`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_COOKIE_NAME } from "../../src/edges/cookie/profileCookie";
import { cardLook, inspectSlot, loadSlotImages } from "./inspectBlocks";
import {
  BLOCK_CARD,
  SHOP_CARD,
  browser,
  catalog,
  categoryOf,
  clickThrough,
  closeShop,
  expectBlocksIn,
  expectNoProblemsSince,
  expectStrictCsp,
  markFailed,
  openShop,
  page,
  problems,
  screenshot,
  stack,
  startFrom,
  visit,
} from "./shopSession";

describe("the demo shop through tact, in Chromium", () => {
  beforeAll(openShop, 150_000);

  beforeEach(({ onTestFailed }) => onTestFailed(markFailed));

  afterAll(closeShop, 30_000);

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
