/**
 * What kind of page a URL is, from the URL patterns in the ruleset's settings.
 * Learning and recommending both start from this.
 */

export type PageContext =
  | { readonly kind: "product"; readonly productId: string }
  | { readonly kind: "category"; readonly slug: string }
  | { readonly kind: "conversion" }
  | { readonly kind: "other" };

/** A compiled URL path pattern: its named groups when the URL matches. */
export interface PathMatcher {
  match(url: URL): Readonly<Record<string, string | undefined>> | undefined;
}

export interface PagePatterns {
  /** Captures the product id as `:id`. */
  readonly product: PathMatcher;
  /** Captures the category slug as `:slug`. */
  readonly category: PathMatcher;
  readonly conversion: PathMatcher;
}

const PRODUCT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function decoded(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function classifyPage(url: URL, patterns: PagePatterns): PageContext {
  const product = decoded(patterns.product.match(url)?.["id"]);
  if (product !== undefined && PRODUCT_ID.test(product)) return { kind: "product", productId: product };
  const slug = decoded(patterns.category.match(url)?.["slug"])?.toLowerCase();
  if (slug !== undefined && SLUG.test(slug)) return { kind: "category", slug };
  if (patterns.conversion.match(url)) return { kind: "conversion" };
  return { kind: "other" };
}
