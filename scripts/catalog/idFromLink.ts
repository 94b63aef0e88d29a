/**
 * `--id-from-link /products/:id`: keys each product by the id its product
 * page URL carries, which is what the Worker looks up (it captures `:id` with
 * the ruleset's `settings.pages.product` pattern). Use it when a feed's ids
 * (often SKUs) are not the ones in the shop's URLs; the feed's id is kept as
 * an alias for co-occurrence files.
 */
import { URLPattern } from "urlpattern-polyfill/urlpattern";

/** Links may be paths; they are matched as if on this host. */
const BASE = "https://shop.invalid";

export function idFromLink(pattern: string): (link: string) => string | undefined {
  let compiled: URLPattern;
  try {
    compiled = new URLPattern({ pathname: pattern });
  } catch {
    throw new Error(`--id-from-link: "${pattern}" is not a URL path pattern`);
  }
  if (!/:id\b/.test(pattern)) throw new Error(`--id-from-link: "${pattern}" must capture :id, like /products/:id`);
  return (link) => {
    let id: string | undefined;
    try {
      id = compiled.exec(new URL(link, BASE))?.pathname.groups["id"];
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
