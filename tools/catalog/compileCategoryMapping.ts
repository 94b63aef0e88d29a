/**
 * Places each product in one of the ruleset's categories and says whether
 * that category is sensitive, following a CategoryMapping.
 *
 * Which match wins, in this order:
 * 1. a match on a sensitive category, the longest one: when a product's
 *    Google category says "health care" and its product type says
 *    "electronics", it is treated as health, because a sensitive product
 *    shown as an ordinary one is the mistake that matters;
 * 2. otherwise the longest match (most path segments), then the product's
 *    product types before its Google category, then the mapping's order;
 * 3. otherwise the mapping's `unmapped` rule.
 *
 * Google's taxonomy has branches that are sensitive in themselves (health
 * care, religious items, mature content). Unless `sensitiveGoogleBranches` is
 * false they always take part, after the mapping's own matches, so a feed
 * whose mapping forgot them still keeps those products apart.
 */
import type { CategoryMapping } from "./CategoryMapping";

export interface CategoryInfo {
  readonly slug: string;
  /** Language → display name, for the preferences page. */
  readonly name: Readonly<Record<string, string>>;
  readonly sensitive: boolean;
}

export type Placement =
  | { readonly ok: true; readonly slug: string; readonly sensitive: boolean }
  | { readonly ok: false; readonly reason: string };

export interface CategorySource {
  readonly googleCategory?: string | undefined;
  readonly productTypes: readonly string[];
}

export interface CategoryMapper {
  place(product: CategorySource): Placement;
  /** Every category a product was placed in so far: the mapping's in its order, then others as first used. */
  categories(): CategoryInfo[];
}

/** Google product taxonomy branches (by path) that are special categories of data (GDPR art. 9). */
export const SENSITIVE_GOOGLE_BRANCHES: ReadonlyArray<{ readonly match: string; readonly slug: string }> = [
  { match: "Health & Beauty > Health Care", slug: "health" },
  { match: "Religious & Ceremonial", slug: "religion" },
  { match: "Mature", slug: "adult" },
];

interface Rule {
  readonly segments: readonly string[];
  readonly slug: string;
  readonly order: number;
}

/** "Home & Garden >  Kitchen" → ["home & garden", "kitchen"]. */
export function pathSegments(path: string): string[] {
  return path
    .split(">")
    .map((segment) => segment.trim().toLowerCase().replace(/\s+/g, " "))
    .filter((segment) => segment !== "");
}

/** "Casa & Giardino" → "casa-giardino": what a shop's category URL would likely use. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** The mapping's rules, by first segment so a product is compared only with rules that can match it. */
function compileRules(mapping: CategoryMapping) {
  const builtins = mapping.sensitiveGoogleBranches ? SENSITIVE_GOOGLE_BRANCHES : [];
  const sensitiveSlugs = new Set([
    ...mapping.sensitiveCategories,
    ...Object.entries(mapping.categories).flatMap(([slug, category]) => (category.sensitive ? [slug] : [])),
    ...builtins.map((branch) => branch.slug),
  ]);
  const rules: Rule[] = [
    ...Object.entries(mapping.categories).flatMap(([slug, category]) =>
      category.match.map((match) => ({ match, slug })),
    ),
    ...builtins,
  ].map(({ match, slug }, order) => ({ segments: pathSegments(match), slug, order }));
  const byHead = new Map<string, Rule[]>();
  for (const rule of rules) {
    const head = rule.segments[0];
    if (head !== undefined) byHead.set(head, [...(byHead.get(head) ?? []), rule]);
  }
  return { sensitiveSlugs, byHead };
}

type Match = { readonly rule: Rule; readonly path: number };

/** The longer rule wins, then the earlier path, then the earlier rule. */
function better(candidate: Match, current: Match | undefined): boolean {
  return (
    !current ||
    candidate.rule.segments.length > current.rule.segments.length ||
    (candidate.rule.segments.length === current.rule.segments.length &&
      (candidate.path < current.path || (candidate.path === current.path && candidate.rule.order < current.rule.order)))
  );
}

/** The rule a product's paths match best; a sensitive match beats any other. */
function bestRule(
  paths: readonly (readonly string[])[],
  { sensitiveSlugs, byHead }: ReturnType<typeof compileRules>,
): Rule | undefined {
  let best: Match | undefined;
  let bestSensitive: Match | undefined;
  paths.forEach((segments, path) => {
    for (const rule of byHead.get(segments[0] ?? "") ?? []) {
      if (!isPrefix(rule.segments, segments)) continue;
      const candidate = { rule, path };
      if (better(candidate, best)) best = candidate;
      if (sensitiveSlugs.has(rule.slug) && better(candidate, bestSensitive)) bestSensitive = candidate;
    }
  });
  return (bestSensitive ?? best)?.rule;
}

/** Where a product no rule matches goes, as the mapping's `unmapped` says. */
function placeUnmapped(
  product: CategorySource,
  unmapped: CategoryMapping["unmapped"],
  use: (slug: string, feedName?: string) => Placement,
): Placement {
  if (unmapped === "reject") return { ok: false, reason: `category: "${describe(product)}" matches no mapping` };
  if (unmapped !== "derive") return use(unmapped.category);
  const source = product.productTypes[0] ?? product.googleCategory ?? "";
  const head = source.split(">")[0]?.trim() ?? "";
  if (/^\d+$/.test(head)) {
    return { ok: false, reason: `category: Google category id ${head} has no mapping; add it to the mapping file` };
  }
  const slug = slugify(head);
  if (slug === "") return { ok: false, reason: `category: cannot make a category slug of "${head}"` };
  return use(slug, head);
}

export function compileCategoryMapping(mapping: CategoryMapping): CategoryMapper {
  const rules = compileRules(mapping);
  const used = new Map<string, CategoryInfo>();
  const use = (slug: string, feedName?: string): Placement => {
    const sensitive = rules.sensitiveSlugs.has(slug);
    if (!used.has(slug)) {
      // hasOwn: a product type may well be called "Constructor".
      const name = Object.hasOwn(mapping.categories, slug) ? (mapping.categories[slug]?.name ?? {}) : {};
      const derived = feedName === undefined ? {} : { [mapping.language]: feedName.trim().slice(0, 100) };
      used.set(slug, { slug, name: Object.keys(name).length > 0 ? name : derived, sensitive });
    }
    return { ok: true, slug, sensitive };
  };

  function place(product: CategorySource): Placement {
    const paths = [...product.productTypes, ...(product.googleCategory ? [product.googleCategory] : [])];
    const rule = bestRule(paths.map(pathSegments), rules);
    return rule ? use(rule.slug) : placeUnmapped(product, mapping.unmapped, use);
  }

  // The mapping's own categories in its order, then derived ones as first met.
  const mappingOrder = new Map(Object.keys(mapping.categories).map((slug, i) => [slug, i]));
  const order = (slug: string) => mappingOrder.get(slug) ?? Number.MAX_SAFE_INTEGER;
  return { place, categories: () => [...used.values()].sort((a, b) => order(a.slug) - order(b.slug)) };
}

function describe(product: CategorySource): string {
  return product.productTypes[0] ?? product.googleCategory ?? "";
}
