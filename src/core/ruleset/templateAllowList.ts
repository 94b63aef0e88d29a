/**
 * What a template may be made of: what a recommendation card needs, and
 * nothing that runs script, restyles or covers the page, submits or frames
 * anything, or changes how the rest of the page is read. Whatever is not
 * listed is refused: event handlers, style, id and name (they could clobber
 * the page's own), forms, frames, embeds, svg and math, script, style,
 * template and the raw-text elements.
 *
 * Each attribute has a kind, which says what its value may be:
 * - url (href, src): an http(s) or relative URL, or exactly {{url}} or {{image}};
 * - srcset: relative image URLs only (an image list stays on the shop), or
 *   exactly {{image}};
 * - text (alt, title, data-*, aria-*): anything, or exactly one placeholder;
 * - fixed (the rest): literal text.
 * A <button> must say type="button": a block may land inside one of the
 * page's forms, and must not submit it.
 */

export type AttributeKind = "url" | "srcset" | "text" | "fixed";

export const ELEMENTS: ReadonlySet<string> = new Set(
  "section aside div ul ol li a img picture source span p h2 h3 h4 strong em b i small br figure figcaption button".split(
    " ",
  ),
);

const EVERYWHERE = "class role lang dir title";
const ATTRIBUTES = new Map(
  Object.entries({
    a: "href rel hreflang",
    img: "src srcset sizes alt width height loading decoding",
    source: "srcset sizes media type width height",
    button: "type",
  }),
);
const KINDS = new Map<string, AttributeKind>([
  ["href", "url"],
  ["src", "url"],
  ["srcset", "srcset"],
  ["alt", "text"],
  ["title", "text"],
]);

/** An attribute's kind, or undefined when the element may not have it. */
export function attributeKind(element: string, name: string): AttributeKind | undefined {
  // data-tact-* are tact's own markers.
  if (/^(data|aria)-[a-z\d_.-]+$/.test(name)) return name.startsWith("data-tact-") ? undefined : "text";
  if (!` ${EVERYWHERE} ${ATTRIBUTES.get(element) ?? ""} `.includes(` ${name} `)) return undefined;
  return KINDS.get(name) ?? "fixed";
}
