import type { Card, ItemEntry, ListEntry } from "../../src/core/catalog/Catalog";
import type { PageContext } from "../../src/core/decide/classifyPage";
import type { Profile } from "../../src/core/profile/Profile";
import type { PickInput, PickRule } from "../../src/core/decide/pickItems";
import type { Strategy } from "../../src/core/ruleset/RuleSet";
import { card, catalogView, profile } from "../support/builders";

// What the pickItems test files share: a product page by default, and its catalog built from a few lists.
export const SEEDS = Array.from({ length: 40 }, (_, i) => i * 7919 + 1);

const product: PageContext = { kind: "product", productId: "p1" };
export const other: PageContext = { kind: "other" };

export interface Setup {
  readonly page?: PageContext;
  readonly related?: Card[];
  readonly popular?: Card[];
  readonly items?: Record<string, ItemEntry>;
  readonly lists?: Record<string, ListEntry>;
  readonly profile?: Profile | undefined;
  readonly affinities?: Record<string, number>;
  readonly pageSensitive?: boolean;
  readonly sensitive?: string[];
  readonly minItems?: number;
  readonly seed?: number;
}

export function input(setup: Setup): PickInput {
  const items: Record<string, ItemEntry> = {
    "item:p1": { item: card("p1"), related: setup.related ?? [] },
    ...setup.items,
  };
  const lists: Record<string, ListEntry> = {
    popular: { sensitive: false, items: setup.popular ?? [] },
    ...setup.lists,
  };
  return {
    page: setup.page ?? product,
    profile: "profile" in setup ? setup.profile : profile(),
    affinities: setup.affinities ?? {},
    catalog: catalogView(items, lists),
    pageSensitive: setup.pageSensitive ?? false,
    sensitive: new Set(setup.sensitive ?? ["health"]),
    minItems: setup.minItems ?? 2,
    seed: setup.seed ?? 42,
  };
}

export function rule(strategies: Strategy[], overrides: Partial<PickRule> = {}): PickRule {
  return { strategies, count: 12, maxPerCategory: 12, categories: undefined, ...overrides };
}

export const ids = (cards: readonly Card[]) => cards.map((c) => c.id).sort();
