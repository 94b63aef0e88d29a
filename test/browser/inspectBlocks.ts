/**
 * What the browser actually rendered for tact's blocks: where they sit, what
 * they hold, whether their images loaded, and how their cards measure against
 * the shop's own. Each function runs inside the page, so it is self-contained.
 */
import type { Page } from "playwright-core";

export interface BlockReport {
  readonly rule: string;
  /** The block is a direct child of the slot element. */
  readonly inSlot: boolean;
  readonly heading: string;
  readonly items: readonly { readonly id: string; readonly href: string; readonly title: string }[];
  /** Images of the block that have not loaded (src). */
  readonly brokenImages: readonly string[];
  /** The block's box lies within the page's main column. */
  readonly insideMainColumn: boolean;
}

export interface SlotReport {
  readonly slotCount: number;
  readonly blocks: readonly BlockReport[];
  /** Blocks anywhere on the page, in a slot or not. */
  readonly blocksOnPage: number;
  readonly horizontalOverflow: boolean;
}

/** Brings a slot into view so lazy images load, and waits until they have. */
export async function loadSlotImages(page: Page, slot: string): Promise<void> {
  const region = page.locator(slot).first();
  // An empty slot is display: none, and there is nothing to load.
  if (!(await region.isVisible())) return;
  await region.scrollIntoViewIfNeeded();
  await page
    .waitForFunction(
      (selector) =>
        Array.from(document.querySelectorAll<HTMLImageElement>(`${selector} img`)).every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      slot,
      { timeout: 10_000 },
    )
    // A timeout is reported by inspectSlot as broken images, with their names.
    .catch(() => undefined);
}

export async function inspectSlot(page: Page, slot: string): Promise<SlotReport> {
  await loadSlotImages(page, slot);
  return page.evaluate((selector) => {
    const slots = Array.from(document.querySelectorAll(selector));
    const column = document.querySelector(".site-main .wrap")?.getBoundingClientRect();
    const blocks = slots.flatMap((slotElement) =>
      Array.from(slotElement.querySelectorAll<HTMLElement>("[data-tact-rule]")).map((block) => {
        const box = block.getBoundingClientRect();
        return {
          rule: block.dataset["tactRule"] ?? "",
          inSlot: block.parentElement === slotElement,
          heading: block.querySelector("h2")?.textContent?.trim() ?? "",
          items: Array.from(block.querySelectorAll<HTMLElement>("[data-tact-item]")).map((item) => ({
            id: item.dataset["tactItem"] ?? "",
            href: item.querySelector("a")?.getAttribute("href") ?? "",
            title: item.querySelector(".product-card__title")?.textContent?.trim() ?? "",
          })),
          brokenImages: Array.from(block.querySelectorAll("img"))
            .filter((img) => !img.complete || img.naturalWidth === 0)
            .map((img) => img.getAttribute("src") ?? ""),
          insideMainColumn:
            column !== undefined &&
            box.left >= column.left - 0.5 &&
            box.right <= column.right + 0.5 &&
            box.width > 0 &&
            box.height > 0,
        };
      }),
    );
    return {
      slotCount: slots.length,
      blocks,
      blocksOnPage: document.querySelectorAll("[data-tact-rule]").length,
      horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth,
    };
  }, slot);
}

/** How a product card measures and looks: the box, the image, and the computed styles that make it. */
export interface CardLook {
  readonly width: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly styles: Readonly<Record<string, string>>;
}

/** The look of the first card matched by `cards` (a selector for li.product-card elements). */
export async function cardLook(page: Page, cards: string): Promise<CardLook | undefined> {
  return page.evaluate((selector) => {
    const card = document.querySelector<HTMLElement>(selector);
    const link = card?.querySelector("a");
    const image = card?.querySelector("img");
    const title = card?.querySelector(".product-card__title");
    const price = card?.querySelector(".product-card__price");
    if (!card || !link || !image || !title || !price) return undefined;
    const styles: Record<string, string> = {};
    const take = (name: string, element: Element, properties: readonly string[]) => {
      const computed = getComputedStyle(element);
      for (const property of properties) styles[`${name} ${property}`] = computed.getPropertyValue(property);
    };
    take("card", link, [
      "display",
      "flex-direction",
      "padding",
      "border-top-width",
      "border-top-color",
      "border-radius",
      "background-color",
      "box-shadow",
    ]);
    take("image", image, ["border-radius", "aspect-ratio", "object-fit"]);
    take("title", title, ["font-family", "font-size", "font-weight", "line-height", "color"]);
    take("price", price, ["font-size", "font-weight", "color"]);
    const imageBox = image.getBoundingClientRect();
    return {
      width: card.getBoundingClientRect().width,
      imageWidth: imageBox.width,
      imageHeight: imageBox.height,
      styles,
    };
  }, cards);
}
