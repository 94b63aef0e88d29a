/**
 * The firewall between sensitive and ordinary products, for related items: a
 * product in a sensitive category is related only to products of that same
 * category, and an ordinary product never to a sensitive one. A health item
 * thus never shows beside a kitchen item, nor beside a religious one, in
 * either direction. Every related-items path goes through this rule, and the
 * entry writer checks it again.
 */
import type { Card } from "../../src/core/catalog/Catalog";

type Relatable = Pick<Card, "id" | "category" | "sensitive">;

/** Products may be related only within one compartment: all ordinary products, or one sensitive category. */
export function relationCompartment(card: Omit<Relatable, "id">): string {
  return card.sensitive ? `sensitive:${card.category}` : "";
}

export function mayRelate(item: Relatable, other: Relatable): boolean {
  return item.id !== other.id && relationCompartment(item) === relationCompartment(other);
}
