/** Rule documents and the preview secret for the rules commands' tests (rules*Commands.test.ts). */

export const SECRET = "a-preview-secret-of-at-least-32-characters";

export const GOOD = {
  version: 1,
  templates: {
    cards: {
      block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
      item: '<li><a href="{{url}}">{{title}}</a></li>',
    },
  },
  rules: [
    {
      id: "picks",
      page: "/products/:id",
      slot: { selector: ".product-extras", position: "append" },
      count: 4,
      template: "cards",
      heading: { it: "Si abbina bene con", en: "Goes well with" },
      experiment: {
        key: "picks-heading",
        traffic: 20,
        variants: [
          { id: "control", weight: 50, control: "baseline" },
          { id: "warm", weight: 50, heading: { en: "Good with it", it: "Ci sta bene" } },
        ],
      },
    },
    {
      id: "home",
      page: "/",
      slot: { selector: ".home-picks", position: "append" },
      count: 4,
      template: "cards",
      heading: { it: "Scelti in bottega", en: "Picked in the shop" },
    },
  ],
};

export const BROKEN = {
  ...GOOD,
  rules: [{ ...GOOD.rules[1], slot: { selector: ".home-picks:has(li)", position: "append" } }],
};
