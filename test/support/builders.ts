/**
 * Hand-built inputs shared by the unit tests: profiles, request contexts,
 * catalog cards and an in-memory CatalogView.
 */
import type { Card, ItemEntry, ListEntry } from "../../src/core/catalog/Catalog";
import type { CatalogView } from "../../src/core/catalog/CatalogView";
import type { RequestFacts } from "../../src/core/decide/RequestFacts";
import type { Profile } from "../../src/core/profile/Profile";

export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;
/** A fixed "now", well after the epoch, so `now - 0` is always a long gap. */
export const T0 = 1_750_000_000;

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: "AAAAAAAAAAAAAAAAAAAAAA",
    visits: 0,
    firstSeen: T0,
    lastSeen: 0,
    recent: [],
    affinities: {},
    affinitiesAt: T0,
    usual: {},
    orders: 0,
    lastOrderAt: 0,
    favourites: [],
    avoided: [],
    birthday: undefined,
    caps: {},
    shown: [],
    ...overrides,
  };
}

export function request(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    country: undefined,
    device: "desktop",
    language: "en",
    referrer: undefined,
    utmSource: undefined,
    localHour: undefined,
    localDate: { year: 2025, month: 6, day: 15 },
    ...overrides,
  };
}

export function card(id: string, overrides: Partial<Card> = {}): Card {
  return {
    id,
    title: `Item ${id}`,
    url: `/products/${id}`,
    image: `/images/${id}.jpg`,
    price: 10,
    currency: "EUR",
    category: "kitchen",
    inStock: true,
    sensitive: false,
    ...overrides,
  };
}

/** A CatalogView over plain objects, recording every key it is asked for. */
export function catalogView(
  items: Readonly<Record<string, ItemEntry>>,
  lists: Readonly<Record<string, ListEntry>>,
): CatalogView & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    item: (key) => {
      asked.push(key);
      return items[key];
    },
    list: (key) => {
      asked.push(key);
      return lists[key];
    },
  };
}

/** A rule document for a product page's #recs slot, as the core's tests write one: its id, then what a test changes. */
export function productRule(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    page: "/products/:id",
    slot: { selector: "#recs", position: "append" },
    count: 3,
    template: "cards",
    heading: { en: "Goes well with" },
    ...overrides,
  };
}

/** The cards template the tests' rule documents share. */
export const TEMPLATES = {
  cards: {
    block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
    item: '<li><a href="{{url}}">{{title}}</a></li>',
  },
};

/** A rule document with the shared templates: what a compiler or validator test starts from. */
export function ruleDocument(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, templates: TEMPLATES, rules, ...extra };
}
