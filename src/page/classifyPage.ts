/**
 * What kind of page a URL is, from the URL patterns in the ruleset's settings.
 * Learning and recommending both start from this.
 */

export type PageContext =
  | { readonly kind: "product"; readonly productId: string }
  | { readonly kind: "category"; readonly slug: string }
  | { readonly kind: "conversion" }
  | { readonly kind: "other" };

export interface PagePatterns {
  /** Must capture the product id as `:id`. */
  readonly product: URLPattern;
  /** Must capture the category slug as `:slug`. */
  readonly category: URLPattern;
  readonly conversion: URLPattern;
}

export function classifyPage(url: URL, patterns: PagePatterns): PageContext {
  const product = patterns.product.exec(url)?.pathname.groups["id"];
  if (product) return { kind: "product", productId: product };
  const slug = patterns.category.exec(url)?.pathname.groups["slug"];
  if (slug) return { kind: "category", slug };
  if (patterns.conversion.test(url)) return { kind: "conversion" };
  return { kind: "other" };
}
