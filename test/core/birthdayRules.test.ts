import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../../src/core/ruleset/compileRuleSet";
import { plainPlatform } from "../support/plainPlatform";

const BIRTHDAY_WEEK = { birthday: { withinDays: 3 } };

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "home-birthday",
    page: "/",
    slot: { selector: ".home-picks", position: "prepend" },
    count: 3,
    template: "cards",
    heading: { it: "Un pensiero per te", en: "A little something" },
    ...overrides,
  };
}

const cards = { block: "<section><h2>{{heading}}</h2><ul>{{items}}</ul></section>", item: "<li>{{title}}</li>" };

async function compile(rules: unknown[], extra: Record<string, unknown> = {}) {
  const outcome = await compileRuleSet(
    {
      version: 1,
      personas: { "birthday-week": BIRTHDAY_WEEK, "coffee-lover": { prefers: "coffee-tea" } },
      templates: {
        cards,
        gift: {
          block: "<section><h2>{{heading}}</h2><p>Tanti auguri: codice CANDELINE</p><ul>{{items}}</ul></section>",
          item: "<li>{{title}}</li>",
        },
      },
      rules,
      ...extra,
    },
    plainPlatform,
  );
  if (!outcome.ok) throw new Error(outcome.reasons.join("\n"));
  return outcome.ruleset;
}

const reasons = async (rules: unknown[], extra: Record<string, unknown> = {}) =>
  (await compile(rules, extra)).skipped.flatMap((problem) => problem.reasons);

describe("the birthday fact: only for established customers", () => {
  it("refuses a rule for everyone whose persona uses it, naming the path", async () => {
    expect(await reasons([rule({ personas: ["birthday-week"] })])).toEqual([
      'rules[0].personas: persona "birthday-week" uses the birthday the shopper gave; only a rule with audience "established" may use it',
    ]);
  });

  it("refuses it even to exclude the birthday window, or nested", async () => {
    const personas = {
      "not-birthday": { not: BIRTHDAY_WEEK },
      nested: { any: [{ prefers: "kitchen" }, { all: [{ visits: { atLeast: 2 } }, BIRTHDAY_WEEK] }] },
    };
    const refused = await reasons([rule({ personas: ["not-birthday"] }), rule({ id: "b", personas: ["nested"] })], {
      personas,
    });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^rules\[0\]\.personas: persona "not-birthday" uses the birthday/);
    expect(refused[1]).toMatch(/^rules\[1\]\.personas: persona "nested" uses the birthday/);
  });

  it("takes it in a rule for established customers, as the usual strategy", async () => {
    const ruleset = await compile([
      rule({ audience: "established", personas: ["birthday-week"] }),
      rule({ id: "usual", audience: "established", strategies: ["usual"] }),
    ]);
    expect(ruleset.skipped).toEqual([]);
    expect(ruleset.rules.map((r) => r.id)).toEqual(["home-birthday", "usual"]);
  });

  it("refuses a window wider than 14 days or not a whole number", async () => {
    for (const withinDays of [15, -1, 2.5]) {
      const refused = await reasons([rule({ audience: "established", personas: ["wide"] })], {
        personas: { wide: { birthday: { withinDays } } },
      });
      expect(refused[0]).toMatch(/^personas\.wide: birthday\.withinDays: /);
      expect(refused[1]).toMatch(/^rules\[0\]\.personas: persona "wide" is invalid/);
    }
  });
});

describe("the sensitive-category firewall holds for birthday rules", () => {
  it("refuses a birthday rule or persona that reaches into a sensitive category", async () => {
    const refused = await reasons(
      [
        rule({ audience: "established", personas: ["birthday-week"], categories: ["pharmacy"] }),
        rule({ id: "b", audience: "established", personas: ["birthday-pharmacy"] }),
      ],
      {
        personas: {
          "birthday-week": BIRTHDAY_WEEK,
          "birthday-pharmacy": { all: [BIRTHDAY_WEEK, { prefers: "pharmacy" }] },
        },
      },
    );
    expect(refused).toEqual([
      'personas.birthday-pharmacy: refers to the sensitive category "pharmacy", which never drives targeting',
      'rules[0].categories: "pharmacy" is a sensitive category and never drives targeting',
      'rules[1].personas: persona "birthday-pharmacy" is invalid (refers to the sensitive category "pharmacy", which never drives targeting)',
    ]);
  });
});

describe("birthday copy: refused everywhere but a birthday rule", () => {
  const birthdayRule = {
    audience: "established",
    allowPersonalCopy: true,
    personas: ["birthday-week"],
    heading: { it: "Buon compleanno!", en: "Happy birthday!" },
  };

  it("takes it in an established rule with personal copy whose personas all require the window", async () => {
    expect(await reasons([rule(birthdayRule), rule({ ...birthdayRule, id: "gift", template: "gift" })])).toEqual([]);
  });

  it.each([
    ["a rule for everyone", { ...birthdayRule, audience: "everyone", personas: undefined }],
    ["an established rule with personal copy but no birthday persona", { ...birthdayRule, personas: undefined }],
    ["a persona that may match outside the window", { ...birthdayRule, personas: ["birthday-week", "coffee-lover"] }],
    ["an established birthday rule without allowPersonalCopy", { ...birthdayRule, allowPersonalCopy: false }],
  ])("refuses the heading in %s", async (_name, overrides) => {
    const refused = await reasons([rule(overrides)]);
    expect(
      refused.some((reason) => /^rules\[0\]\.heading\.it: "buon compleanno" wishes a happy birthday/.test(reason)),
    ).toBe(true);
    expect(refused.some((reason) => /^rules\[0\]\.heading\.en: "happy birthday"/.test(reason))).toBe(true);
  });

  it("refuses it in the template text of a rule that is not a birthday rule", async () => {
    const refused = await reasons([rule({ audience: "established", allowPersonalCopy: true, template: "gift" })]);
    expect(refused).toEqual([
      'rules[0].template: template "gift": "auguri" wishes a happy birthday; only a rule with audience "established", allowPersonalCopy and personas that all require the birthday fact may say it',
    ]);
  });

  it("refuses it in an experiment variant of a rule that is not a birthday rule", async () => {
    const experiment = {
      key: "wishes",
      traffic: 100,
      variants: [
        { id: "control", weight: 50, control: "baseline" },
        { id: "wish", weight: 50, heading: { en: "Many happy returns" } },
      ],
    };
    const refused = await reasons([rule({ audience: "established", allowPersonalCopy: true, experiment })]);
    expect(refused[0]).toMatch(/^rules\[0\]\.experiment\.variants\[1\]\.heading\.en: "many happy returns"/);
  });
});

describe("settings.timeZone", () => {
  it("defaults to UTC and keeps a zone's canonical name", async () => {
    expect((await compile([])).settings.timeZone).toBe("UTC");
    expect((await compile([], { settings: { timeZone: "europe/rome" } })).settings.timeZone).toBe("Europe/Rome");
  });

  it("refuses a name that is not an IANA time zone", async () => {
    const outcome = await compileRuleSet(
      { version: 1, settings: { timeZone: "Mars/Olympus" }, templates: {}, rules: [] },
      plainPlatform,
    );
    expect(outcome).toEqual({
      ok: false,
      reasons: ['settings.timeZone: must be an IANA time zone such as "Europe/Rome"'],
    });
  });
});
