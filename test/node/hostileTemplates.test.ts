/**
 * The hostile templates of test/fixtures/hostileTemplates.json, through
 * `npm run rules -- validate` (the Worker's compiler inside workerd): every
 * one is refused, with its path and a reason, and so is every rule that uses
 * it. The Worker's side is test/worker/hostileTemplates.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import corpus from "../fixtures/hostileTemplates.json";
import { closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";

const ORDINARY = {
  block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
  item: '<li><a href="{{url}}"><img src="{{image}}" alt="">{{title}}</a></li>',
};

const rule = (index: number) => ({
  id: `r${index}`,
  page: "/products/:id",
  slot: { selector: ".product-extras", position: "append" },
  count: 4,
  template: `h${index}`,
  heading: { en: "Goes well with" },
});

describe("hostile templates, in the rules CLI", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());
  afterAll(closeValidator);

  it("refuses every one, naming the template and the rule that uses it", async () => {
    const templates = Object.fromEntries(
      corpus.templates.map((entry, i) => [`h${i}`, { ...ORDINARY, [entry.part]: entry.template }]),
    );
    await writeJson(dir, "hostile.json", {
      version: 1,
      templates: { ...templates, ok: ORDINARY },
      rules: [...corpus.templates.map((_entry, i) => rule(i)), { ...rule(0), id: "fine", template: "ok" }],
    });
    const run = await runCli(["validate", "hostile.json"], { cwd: dir });
    expect(run.code).toBe(1);
    const unrefused = corpus.templates.filter(
      (entry, i) =>
        !run.out.some((line) => line.startsWith(`templates.h${i}.${entry.part}: `)) ||
        !run.out.includes(`rules[${i}].template: template "h${i}" is not valid (see templates.h${i})`),
    );
    expect(unrefused.map((entry) => entry.name)).toEqual([]);
    // The ordinary template and the rule that uses it pass.
    const fine = `rules[${corpus.templates.length}]`;
    expect(run.out.filter((line) => line.startsWith("templates.ok") || line.startsWith(fine))).toEqual([]);
  });
});
