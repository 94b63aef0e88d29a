/**
 * What a feed reader yields: one product as the feed spelled it, before any
 * validation, with the line it starts on so a rejection can point at it.
 * Attribute names follow Google Merchant Center's (`id`, `title`, `link`,
 * `image_link`, `price`, `availability`, `product_type`, …) whatever the
 * format, so one schema validates every feed.
 */

export interface FeedRecord {
  /** 1-based line of the feed where the product starts. */
  readonly line: number;
  /** Attribute name → its values in feed order (Merchant feeds may repeat one, such as product_type). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Set when the reader could not make a product of this row at all (a broken TSV row, malformed JSON). */
  readonly problem?: string;
}

/** A feed that cannot be read on past some point (not well-formed XML, not JSON): nothing is imported. */
export class FeedSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = "FeedSyntaxError";
  }
}
