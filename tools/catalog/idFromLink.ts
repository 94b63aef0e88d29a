/**
 * `--id-from-link /products/:id`: keys each product by the id its product
 * page URL carries, which is what the Worker looks up (it captures `:id` with
 * the ruleset's `settings.pages.product` pattern, compiled by the same
 * compilePathPattern). Use it when a feed's ids (often SKUs) are not the ones
 * in the shop's URLs; the feed's id is kept as an alias for co-occurrence files.
 */
import { compilePathPattern } from "../../src/core/ruleset/compilePathPattern";

/** Links may be paths; they are matched as if on this host. */
const BASE = "https://shop.invalid";

export function idFromLink(pattern: string): (link: string) => string | undefined {
  const compiled = compilePathPattern(pattern);
  if (typeof compiled === "string") throw new Error(`--id-from-link: ${compiled}`);
  if (!compiled.names.has("id")) throw new Error(`--id-from-link: "${pattern}" must capture :id, like /products/:id`);
  return (link) => {
    let id: string | undefined;
    try {
      id = compiled.match(new URL(link, BASE))?.["id"];
    } catch {
      return undefined;
    }
    if (id === undefined) return undefined;
    try {
      return decodeURIComponent(id);
    } catch {
      return undefined;
    }
  };
}
