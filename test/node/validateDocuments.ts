/** A small valid rule document for the validate command's tests, and the pieces to break it with. */

export const TEMPLATES = {
  cards: {
    block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
    item: '<li><a href="{{url}}">{{title}}</a></li>',
  },
};

export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "picks",
    page: "/products/:id",
    slot: { selector: ".product-extras", position: "append" },
    count: 4,
    template: "cards",
    heading: { it: "Si abbina bene con", en: "Goes well with" },
    ...overrides,
  };
}

export function document(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, templates: TEMPLATES, rules, ...extra };
}
