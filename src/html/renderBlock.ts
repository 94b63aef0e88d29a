/**
 * Renders a compiled template into the HTML of one block. Every value is
 * escaped here, in one place, whatever its origin.
 */
import type { Card } from "../core/catalog/Catalog";
import { cardsWithSafeUrls } from "./cardsWithSafeUrls";
import { escapeHtml } from "./escapeHtml";
import type { BlockField, CompiledTemplate, ItemField, Part } from "../core/ruleset/template";

function fill<F extends string>(parts: readonly Part<F>[], values: Readonly<Record<F, string>>): string {
  let html = "";
  for (const part of parts) html += typeof part === "string" ? part : values[part.field];
  return html;
}

const priceFormats = new Map<string, Intl.NumberFormat>();
/** Prices as written, by language, currency and amount: a catalog has few, and formatting one is slow. */
const writtenPrices = new Map<string, string>();
const MAX_WRITTEN_PRICES = 2000;

export function formatPrice(amount: number, currency: string, language: string): string {
  const key = `${language}:${currency}`;
  const priceKey = `${key}:${amount}`;
  const written = writtenPrices.get(priceKey);
  if (written !== undefined) return written;
  let format = priceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "currency", currency });
    priceFormats.set(key, format);
  }
  const price = format.format(amount);
  if (writtenPrices.size >= MAX_WRITTEN_PRICES) writtenPrices.clear();
  writtenPrices.set(priceKey, price);
  return price;
}

export interface BlockInput {
  readonly ruleId: string;
  readonly heading: string;
  readonly items: readonly Card[];
  readonly language: string;
}

export function renderBlock(template: CompiledTemplate, input: BlockInput): string {
  const items = cardsWithSafeUrls(template, input.items, input.ruleId)
    .map((card) =>
      fill<ItemField>(template.item, {
        id: escapeHtml(card.id),
        title: escapeHtml(card.title),
        url: escapeHtml(card.url),
        image: escapeHtml(card.image),
        price: escapeHtml(formatPrice(card.price, card.currency, input.language)),
        category: escapeHtml(card.category),
      }),
    )
    .join("");
  return fill<BlockField>(template.block, {
    rule: escapeHtml(input.ruleId),
    heading: escapeHtml(input.heading),
    items,
  });
}
