/**
 * Related items from what the catalog says about each product, for shops
 * without co-occurrence data: cosine similarity over four binary features,
 * category, product type, brand and price band, each weighing the same:
 *
 *   score(a, b) = shared features / sqrt(features of a × features of b)
 *
 * Two products of the same category, type, brand and band score 1; same
 * category, type and band but another brand 3/4; a product with no type or
 * brand (two features) against a full one sharing category and band
 * 2/√8 ≈ 0.71.
 *
 * Comparing every pair is quadratic (10^10 pairs for 100,000 products), so
 * products are bucketed by each combination of their features that includes
 * the category. A product's neighbours are looked for in the bucket sharing
 * all its features first, then in those sharing three, two, then the
 * category alone, stopping at the first level that fills the top k: a product
 * found at a later level shares fewer features and cannot score higher.
 * Within a bucket the nearest in price are taken first, and ties in score go
 * to the closer price; each bucket is scanned only so far, which is what
 * keeps a category of 20,000 products cheap. Candidates share a category, so
 * a product has no content neighbours outside it.
 */
import type { CatalogProduct } from "./CatalogProduct";
import { pathSegments } from "./compileCategoryMapping";

export interface Neighbour {
  readonly index: number;
  readonly score: number;
}

/** Doubling price bands: under 1, 1–2, 2–4, 4–8, … in the product's currency. */
export function priceBand(price: number): number {
  return price < 1 ? 0 : Math.floor(Math.log2(price)) + 1;
}

// Feature bits: category, type, brand, price band. Every subset looked in includes the category.
const CATEGORY = 1;
const TYPE = 2;
const BRAND = 4;
const BAND = 8;
const FEATURES = [CATEGORY, TYPE, BRAND, BAND] as const;
const LEVELS: readonly (readonly number[])[] = [
  [CATEGORY | TYPE | BRAND | BAND],
  [CATEGORY | TYPE | BRAND, CATEGORY | TYPE | BAND, CATEGORY | BRAND | BAND],
  [CATEGORY | TYPE, CATEGORY | BRAND, CATEGORY | BAND],
  [CATEGORY],
];
const MASKS = 16;

type Features = readonly [string, string | undefined, string | undefined, string];

function featuresOf(product: CatalogProduct): Features {
  const type = product.productType === undefined ? [] : pathSegments(product.productType);
  return [
    product.card.category,
    type.length > 0 ? type.join(" > ") : undefined,
    product.brand?.trim().toLowerCase() || undefined,
    `${product.card.currency}:${priceBand(product.card.price)}`,
  ];
}

/** The cosine of two products' feature vectors. */
export function contentScore(a: CatalogProduct, b: CatalogProduct): number {
  const fa = featuresOf(a);
  const fb = featuresOf(b);
  let shared = 0;
  for (let f = 0; f < FEATURES.length; f++) if (fa[f] !== undefined && fa[f] === fb[f]) shared++;
  const count = (features: Features) => features.filter((feature) => feature !== undefined).length;
  return shared / Math.sqrt(count(fa) * count(fb));
}

export interface ContentSimilarity {
  /** The k products most similar to products[index] that `allowed` lets through, best first. */
  neighbours(index: number, k: number, skip?: readonly number[]): Neighbour[];
}

/** The catalog's features as small integers (0: absent), four per product, so comparing two is four reads. */
interface FeatureCodes {
  readonly codes: Int32Array;
  /** Each product's feature bits. */
  readonly present: Uint8Array;
  /** How many features each product has. */
  readonly counts: Uint8Array;
}

function encodeFeatures(products: readonly CatalogProduct[]): FeatureCodes {
  const n = products.length;
  const codes = new Int32Array(n * FEATURES.length);
  const present = new Uint8Array(n);
  const counts = new Uint8Array(n);
  const dictionaries = FEATURES.map(() => new Map<string, number>());
  products.forEach((product, index) => {
    featuresOf(product).forEach((feature, f) => {
      if (feature === undefined) return;
      const dictionary = dictionaries[f] as Map<string, number>;
      let code = dictionary.get(feature);
      if (code === undefined) dictionary.set(feature, (code = dictionary.size + 1));
      codes[index * FEATURES.length + f] = code;
      present[index] = (present[index] ?? 0) | (FEATURES[f] ?? 0);
      counts[index] = (counts[index] ?? 0) + 1;
    });
  });
  return { codes, present, counts };
}

/** Each product's bucket for each feature subset it has, sorted by price, and its place there. */
interface Buckets {
  readonly bucketOf: readonly (number[] | undefined)[];
  readonly positions: Int32Array;
}

function bucketByFeatures({ codes, present }: FeatureCodes, price: (index: number) => number): Buckets {
  const n = present.length;
  const buckets = new Map<string, number[]>();
  const bucketOf: (number[] | undefined)[] = new Array(n * MASKS);
  for (let index = 0; index < n; index++) {
    const own = present[index] ?? 0;
    for (const mask of LEVELS.flat()) {
      if ((own & mask) !== mask) continue;
      let key = String(mask);
      for (let f = 0; f < FEATURES.length; f++) if (mask & (FEATURES[f] ?? 0)) key += `:${codes[index * 4 + f]}`;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      bucket.push(index);
      bucketOf[index * MASKS + mask] = bucket;
    }
  }
  const positions = new Int32Array(n * MASKS).fill(-1);
  for (const [key, bucket] of buckets) {
    bucket.sort((a, b) => price(a) - price(b) || a - b);
    const mask = Number(key.slice(0, key.indexOf(":")));
    for (let position = 0; position < bucket.length; position++) {
      positions[(bucket[position] ?? 0) * MASKS + mask] = position;
    }
  }
  return { bucketOf, positions };
}

/**
 * Walks a bucket outwards from `position`, nearest price first: each call
 * gives the next product, or undefined when the bucket is done. (A closure
 * rather than a generator: this is the import's innermost loop.)
 */
function nearestInPrice(bucket: readonly number[], position: number, price: (i: number) => number) {
  const at = price(bucket[position] ?? 0);
  let below = position - 1;
  let above = position + 1;
  return (): number | undefined => {
    const low = bucket[below];
    const high = bucket[above];
    if (high === undefined || (low !== undefined && at - price(low) <= price(high) - at)) {
      below -= 1;
      return low;
    }
    above += 1;
    return high;
  };
}

/** contentScore over the encoded features of products a and b. */
function encodedScore({ codes, counts }: FeatureCodes, a: number, b: number): number {
  let shared = 0;
  for (let f = 0; f < FEATURES.length; f++) {
    const code = codes[a * 4 + f] ?? 0;
    if (code !== 0 && code === codes[b * 4 + f]) shared++;
  }
  return shared / Math.sqrt((counts[a] ?? 1) * (counts[b] ?? 1));
}

export function contentSimilarity(
  products: readonly CatalogProduct[],
  allowed: (index: number, other: number) => boolean,
): ContentSimilarity {
  const n = products.length;
  const features = encodeFeatures(products);
  const { present } = features;
  const logPrices = Float64Array.from(products, (product) => Math.log1p(product.card.price));
  const price = (index: number) => logPrices[index] ?? 0;
  const { bucketOf, positions } = bucketByFeatures(features, price);

  const score = (a: number, b: number) => encodedScore(features, a, b);
  const id = (i: number) => products[i]?.card.id ?? "";

  // Products already looked at in the current query carry its number: cheaper than a Set per query.
  const seenIn = new Int32Array(n);
  let query = 0;

  function neighbours(index: number, k: number, skip: readonly number[] = []): Neighbour[] {
    if (index < 0 || index >= n || k <= 0) return [];
    query += 1;
    for (const other of skip) seenIn[other] = query;
    const own = present[index] ?? 0;
    const scanLimit = Math.max(50, 10 * k);
    const found: Neighbour[] = [];
    for (const level of LEVELS) {
      for (const mask of level) {
        if ((own & mask) !== mask) continue;
        const bucket = bucketOf[index * MASKS + mask] ?? [];
        const next = nearestInPrice(bucket, positions[index * MASKS + mask] ?? -1, price);
        let taken = 0;
        for (let scanned = 0; taken < k && scanned < scanLimit; scanned++) {
          const other = next();
          if (other === undefined) break;
          if (seenIn[other] === query) continue;
          seenIn[other] = query;
          if (!allowed(index, other)) continue;
          found.push({ index: other, score: score(index, other) });
          taken += 1;
        }
      }
      if (found.length >= k) break;
    }
    const at = price(index);
    const distance = (i: number) => Math.abs(price(i) - at);
    return found
      .sort(
        (a, b) => b.score - a.score || distance(a.index) - distance(b.index) || (id(a.index) < id(b.index) ? -1 : 1),
      )
      .slice(0, k);
  }

  return { neighbours };
}
