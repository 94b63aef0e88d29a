import data from "../kv-seed/products.json" with { type: "json" };

export interface LocalizedText {
  it: string;
  en: string;
}

export interface Category {
  slug: string;
  name: LocalizedText;
  sensitive: boolean;
}

export interface Product {
  id: string;
  title: string;
  category: string;
  price: number;
  currency: string;
  inStock: boolean;
  popularity: number;
  related: string[];
  description: LocalizedText;
}

interface Catalog {
  categories: Category[];
  products: Product[];
}

const catalog: Catalog = data;

export const categories: readonly Category[] = catalog.categories;
export const products: readonly Product[] = catalog.products;

const productsById = new Map(products.map((p) => [p.id, p]));
const categoriesBySlug = new Map(categories.map((c) => [c.slug, c]));

export function findProduct(id: string): Product | undefined {
  return productsById.get(id);
}

export function findCategory(slug: string): Category | undefined {
  return categoriesBySlug.get(slug);
}

export function productsInCategory(slug: string): Product[] {
  return products.filter((p) => p.category === slug);
}

/**
 * The home page's "featured" row: the best seller (in stock) of each category
 * that is not marked sensitive, most popular first.
 */
export function featuredProducts(count: number): Product[] {
  const picks: Product[] = [];
  for (const category of categories) {
    if (category.sensitive) continue;
    const best = productsInCategory(category.slug)
      .filter((p) => p.inStock)
      .sort((a, b) => b.popularity - a.popularity)[0];
    if (best) picks.push(best);
  }
  return picks.sort((a, b) => b.popularity - a.popularity).slice(0, count);
}
