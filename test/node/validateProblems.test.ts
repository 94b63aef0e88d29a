/**
 * `npm run rules -- validate <file>` on documents broken in one place each:
 * the one problem printed as "path: reason", then the count; exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";
import { document, rule } from "./validateDocuments";

afterAll(closeValidator);

const experiment = (overrides: Record<string, unknown> = {}) => ({
  key: "picks-test",
  traffic: 50,
  variants: [
    { id: "control", weight: 1, control: "baseline" },
    { id: "warm", weight: 1, heading: { en: "Good with it" } },
  ],
  ...overrides,
});

/** [name, document, the one problem validate must print] */
const BROKEN: readonly (readonly [string, unknown, string])[] = [
  [
    "a selector HTMLRewriter cannot match (:has)",
    document([rule({ slot: { selector: "div:has(p)", position: "append" } })]),
    'rules[0].slot.selector: "div:has(p)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
  ],
  [
    "a sibling combinator",
    document([rule({ slot: { selector: "h2 + .product-extras", position: "append" } })]),
    'rules[0].slot.selector: "h2 + .product-extras" is not supported by HTMLRewriter: unsupported combinator `+` in selector',
  ],
  [
    "a pseudo-class lol-html does not implement",
    document([rule({ slot: { selector: "li:last-child", position: "after" } })]),
    'rules[0].slot.selector: "li:last-child" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
  ],
  [
    "a selector that is not CSS",
    document([rule({ slot: { selector: ".picks >", position: "append" } })]),
    'rules[0].slot.selector: ".picks >" is not supported by HTMLRewriter: dangling combinator in selector',
  ],
  [
    "copy that reveals the source (English)",
    document([rule({ heading: { it: "Si abbina bene con", en: "Because you viewed this" } })]),
    'rules[0].heading.en: "because you viewed" tells the shopper where the suggestion came from',
  ],
  [
    "copy that reveals the source (Italian, in a variant)",
    document([
      rule({
        experiment: experiment({
          variants: [
            { id: "control", weight: 1, control: "baseline" },
            { id: "warm", weight: 1, heading: { it: "Perché hai visto questi" } },
          ],
        }),
      }),
    ]),
    'rules[0].experiment.variants[1].heading.it: "perche hai visto" tells the shopper where the suggestion came from',
  ],
  ["a number written as text", document([rule({ count: "4" })]), 'rules[0].count: must be a number, not "4"'],
  ["too few items", document([rule({ count: 1 })]), "rules[0].count: must be at least 2"],
  [
    "a missing field",
    document([Object.fromEntries(Object.entries(rule()).filter(([key]) => key !== "template"))]),
    "rules[0].template: is missing",
  ],
  ["an unknown template", document([rule({ template: "tiles" })]), 'rules[0].template: no template named "tiles"'],
  [
    "a URL pattern with a regular expression that can backtrack",
    document([rule({ page: "/p/:x((?:a|aa)+b)" })]),
    'rules[0].page: "/p/:x((?:a|aa)+b)" is not a pattern tact takes: use literal segments, ":name" and at most one "*", at the end of a segment, no regular expressions, groups or modifiers, so that matching stays linear in the path',
  ],

  [
    "experiment traffic above 100%",
    document([rule({ experiment: experiment({ traffic: 150 }) })]),
    "rules[0].experiment.traffic: must be at most 100, not 150",
  ],
  [
    "an experiment with one variant",
    document([rule({ experiment: experiment({ variants: [{ id: "control", weight: 1 }] }) })]),
    "rules[0].experiment.variants: needs at least two variants",
  ],
  [
    "the same rule id twice",
    document([rule(), rule({ page: "/" })]),
    'rules[1].id: "picks" is used by an earlier rule',
  ],
  [
    "a sensitive category driving a rule",
    document([rule({ categories: ["pharmacy"] })]),
    'rules[0].categories: "pharmacy" is a sensitive category and never drives targeting',
  ],
  [
    '"usual" for everyone',
    document([rule({ strategies: ["usual"] })]),
    'rules[0].strategies: "usual" shows what a shopper keeps coming back to; only a rule with audience "established" may use it',
  ],
  ["a wrong version", { ...document([rule()]), version: 2 }, "version: must be 1"],
  [
    "a product pattern without :id",
    document([rule()], { settings: { pages: { product: "/p/:slug" } } }),
    "settings.pages.product: must capture :id",
  ],
];

describe("validate", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it.each(BROKEN)("names the problem by path: %s", async (_name, broken, problem) => {
    await writeJson(dir, "broken.json", broken);
    const run = await runCli(["validate", "broken.json"], { cwd: dir });
    expect(run.out).toEqual([problem, "1 problem in broken.json"]);
    expect(run.code).toBe(1);
  });
});
