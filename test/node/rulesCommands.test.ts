/**
 * Each rules command against local KV, through the real wrangler, in a
 * temporary --persist-to directory (never a developer's .wrangler/state), and
 * the same edits on files with --file. The KV tests run in order: each starts
 * from what the previous one left in the namespace.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULESET_KV_KEY, kvRuleSetStore } from "../../tools/rules/ruleSetStore";
import { kvKeyArgs } from "../../tools/shared/kvKey";
import { verifyPreview } from "../../src/edges/cookie/preview";
import { NOW, closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";

afterAll(closeValidator);

const SECRET = "a-preview-secret-of-at-least-32-characters";
/** wrangler starts a local runtime for each KV command: seconds, not milliseconds. */
const KV_TIMEOUT = 90_000;

const GOOD = {
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

const BROKEN = {
  ...GOOD,
  rules: [{ ...GOOD.rules[1], slot: { selector: ".home-picks:has(li)", position: "append" } }],
};

describe("rules commands on local KV", () => {
  let dir: string;
  let remove: () => Promise<void>;
  let kv: string;
  let label: string;
  const cli = (...args: string[]) =>
    runCli([...args, "--persist-to", kv], { cwd: dir, env: { TACT_PREVIEW_SECRET: SECRET } });

  beforeAll(async () => {
    ({ dir, remove } = await scratchDir());
    kv = join(dir, "kv");
    label = `local KV (in ${kv})`;
    await writeJson(dir, "good.json", GOOD);
    await writeJson(dir, "broken.json", BROKEN);
  });
  afterAll(() => remove());

  it("push refuses an invalid document and writes nothing", { timeout: KV_TIMEOUT }, async () => {
    const push = await runCli(["push", "broken.json", "--local", "--persist-to", kv], { cwd: dir });
    expect(push.code).toBe(1);
    expect(push.err).toEqual([
      "error: refused: broken.json is not valid (1 problem):",
      '  rules[0].slot.selector: ".home-picks:has(li)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
    ]);
    const pull = await cli("pull");
    expect(pull.code).toBe(1);
    expect(pull.err).toEqual([`error: there is no ruleset in ${label}`]);
  });

  it("push asks where to push", async () => {
    const push = await runCli(["push", "good.json"], { cwd: dir });
    expect(push.code).toBe(2);
    expect(push.err[0]).toBe("error: say where to push: --local (this machine) or --remote (the account's KV)");
  });

  it("push --local publishes a valid document, and a second push writes nothing", { timeout: KV_TIMEOUT }, async () => {
    const first = await cli("push", "good.json", "--local");
    expect(first.out).toEqual([`(${label} held no ruleset)`, `pushed good.json to ${label}`]);
    expect(first.code).toBe(0);
    const again = await cli("push", "good.json", "--local");
    expect(again.out).toEqual([`${label} already holds good.json; nothing written`]);
  });

  it("pull prints the document in KV", { timeout: KV_TIMEOUT }, async () => {
    const pull = await cli("pull");
    expect(pull.code).toBe(0);
    expect(JSON.parse(pull.out.join("\n"))).toEqual(GOOD);
  });

  it("validate without a file checks the document in KV", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("validate");
    expect(run.out).toEqual([`${label} is valid: 2 rules (2 switched on), 0 problems`]);
    expect(run.code).toBe(0);
  });

  it("toggle switches a rule off in KV and prints the change", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("toggle", "home", "off");
    expect(run.out).toEqual(['+ rules[1].enabled: false  (rule "home")', `saved to ${label}`]);
    expect(run.code).toBe(0);
  });

  it("ramp sets an experiment's traffic in KV and prints the change", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("ramp", "picks", "50");
    expect(run.out).toEqual(['~ rules[0].experiment.traffic: 20 → 50  (rule "picks")', `saved to ${label}`]);
    expect(run.code).toBe(0);
  });

  it("ramp refuses a rule without an experiment, and a percentage out of range", { timeout: KV_TIMEOUT }, async () => {
    const noExperiment = await cli("ramp", "home", "50");
    expect(noExperiment.code).toBe(1);
    expect(noExperiment.err[0]).toBe(
      'error: rule "home" has no experiment, so there is nothing to ramp; switch the rule itself with `toggle home on|off`',
    );
    const tooMuch = await cli("ramp", "picks", "150");
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.err[0]).toBe('error: "150" is not a percentage from 0 to 100');
  });

  it("diff shows what pushing a file would change", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("diff", "good.json");
    expect(run.out).toEqual([
      '~ rules[0].experiment.traffic: 50 → 20  (rule "picks")',
      '- rules[1].enabled: false  (rule "home")',
    ]);
    expect(run.err).toEqual([`${label} → good.json`]);
  });

  it("preview-link signs a link the Worker's verifyPreview accepts", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("preview-link", "picks", "warm", "--ttl", "30m", "--base", "https://shop.example");
    expect(run.code).toBe(0);
    const url = new URL(run.out[0] ?? "");
    expect(url.origin + url.pathname).toBe("https://shop.example/__tact/preview");
    const check = await verifyPreview(url.searchParams.get("token") ?? "", SECRET, NOW + 60);
    expect(check).toEqual({ ok: true, preview: { rule: "picks", variant: "warm", iat: NOW, exp: NOW + 1800 } });
    expect(await verifyPreview(url.searchParams.get("token") ?? "", SECRET, NOW + 1801)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(run.err[0]).toBe(
      'preview of rule "picks" as "warm", until 2026-11-23 12:30 UTC (signed with the TACT_PREVIEW_SECRET environment variable)',
    );
  });

  it("preview-link --explain signs the explain claim, and only then", { timeout: KV_TIMEOUT }, async () => {
    const run = await cli("preview-link", "picks", "warm", "--explain", "--base", "https://shop.example");
    expect(run.code).toBe(0);
    const token = new URL(run.out[0] ?? "").searchParams.get("token") ?? "";
    expect(await verifyPreview(token, SECRET, NOW + 60)).toMatchObject({ ok: true, preview: { explain: true } });
    expect(run.err[0]).toContain("with the overlay that says why each block is there");
    const plain = await cli("preview-link", "picks", "warm", "--base", "https://shop.example");
    const check = await verifyPreview(new URL(plain.out[0] ?? "").searchParams.get("token") ?? "", SECRET, NOW + 60);
    expect(check.ok && "explain" in check.preview).toBe(false);
  });

  it(
    "pull --out writes the edited document, formatted like the repository's JSON",
    { timeout: KV_TIMEOUT },
    async () => {
      const run = await cli("pull", "--out", "pulled.json");
      expect(run.code).toBe(0);
      const pulled = await readFile(join(dir, "pulled.json"), "utf8");
      expect(pulled).toContain('"traffic": 50');
      expect(pulled).toContain('"enabled": false');
      expect(pulled).toContain('"it": "Si abbina bene con",');
    },
  );
});

describe("rules commands on a file", () => {
  let dir: string;
  let remove: () => Promise<void>;
  const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { TACT_PREVIEW_SECRET: SECRET } });
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it("toggle --file changes only the line that changes, and says when there is nothing to do", async () => {
    const seed = await readFile(new URL("../../kv-seed/ruleset.json", import.meta.url), "utf8");
    await writeJson(dir, "seed.json", seed);
    const run = await cli("toggle", "home-picks", "off", "--file", "seed.json");
    expect(run.out).toEqual(['+ rules[3].enabled: false  (rule "home-picks")', "saved to seed.json"]);
    const edited = await readFile(join(dir, "seed.json"), "utf8");
    const added = edited.split("\n").filter((line) => !seed.split("\n").includes(line));
    expect(added).toEqual(['      "enabled": false,']);

    const again = await cli("toggle", "home-picks", "off", "--file", "seed.json");
    expect(again.out).toEqual(['rule "home-picks" is already off in seed.json; nothing written']);
    const on = await cli("toggle", "home-picks", "on", "--file", "seed.json");
    expect(on.out[0]).toBe('~ rules[3].enabled: false → true  (rule "home-picks")');
  });

  it("toggle names the rules there are when the id is wrong", async () => {
    await writeJson(dir, "good.json", GOOD);
    const run = await cli("toggle", "nope", "off", "--file", "good.json");
    expect(run.code).toBe(1);
    expect(run.err[0]).toBe('error: no rule "nope" in good.json; its rules are: picks, home');
    const usage = await cli("toggle", "home", "maybe", "--file", "good.json");
    expect(usage.code).toBe(2);
  });

  it("an edit that would break the document is refused and nothing is written", async () => {
    const tangled = {
      ...GOOD,
      rules: [{ ...GOOD.rules[0], experiment: { ...GOOD.rules[0]?.experiment, traffic: "20" } }, GOOD.rules[1]],
    };
    await writeJson(dir, "tangled.json", tangled);
    // traffic "20" is already a problem; ramping fixes it, so the edit goes through.
    const fixes = await cli("ramp", "picks", "30", "--file", "tangled.json");
    expect(fixes.code).toBe(0);
    expect(fixes.out[0]).toBe('~ rules[0].experiment.traffic: "20" → 30  (rule "picks")');

    await writeJson(dir, "drifted.json", { ...GOOD, rules: [{ ...GOOD.rules[0], count: 1 }, GOOD.rules[1]] });
    const before = await readFile(join(dir, "drifted.json"), "utf8");
    // A problem already there is reported, and switching a rule off is still allowed.
    const off = await cli("toggle", "home", "off", "--file", "drifted.json");
    expect(off.code).toBe(0);
    expect(off.err).toEqual(["note: already in drifted.json: rules[0].count: must be at least 2"]);
    expect(await readFile(join(dir, "drifted.json"), "utf8")).not.toBe(before);
  });

  it("preview-link: a rule without experiment is previewed as baseline; variants must exist", async () => {
    await writeJson(dir, "good.json", GOOD);
    const baseline = await cli("preview-link", "home", "--file", "good.json");
    expect(baseline.code).toBe(0);
    const token = new URL(baseline.out[0] ?? "").searchParams.get("token") ?? "";
    expect(baseline.out[0]).toMatch(/^http:\/\/localhost:8787\/__tact\/preview\?token=/);
    expect(await verifyPreview(token, SECRET, NOW)).toMatchObject({
      ok: true,
      preview: { rule: "home", variant: "baseline", exp: NOW + 3600 },
    });

    const wrongVariant = await cli("preview-link", "picks", "cold", "--file", "good.json");
    expect(wrongVariant.code).toBe(1);
    expect(wrongVariant.err[0]).toBe('error: rule "picks" has no variant "cold"; its variants are: control, warm');
    const noVariant = await cli("preview-link", "picks", "--file", "good.json");
    expect(noVariant.code).toBe(2);
    expect(noVariant.err[0]).toBe('error: rule "picks" is under test: name one of its variants: control, warm');
    const notBaseline = await cli("preview-link", "home", "warm", "--file", "good.json");
    expect(notBaseline.code).toBe(1);
    const longTtl = await cli("preview-link", "home", "--ttl", "30d", "--file", "good.json");
    expect(longTtl.code).toBe(2);
    expect(longTtl.err[0]).toBe("error: --ttl must be between 1 second and 7 days (7d)");
  });

  it("preview-link needs the preview secret, and says so", async () => {
    await writeJson(dir, "good.json", GOOD);
    const run = await runCli(["preview-link", "home", "--file", "good.json", "--remote"], { cwd: dir, env: {} });
    expect(run.code).toBe(2); // --file and --remote do not mix
    const noSecret = await runCli(["preview-link", "home", "--file", "good.json"], {
      cwd: dir,
      env: { TACT_PREVIEW_SECRET: "too-short" },
    });
    expect(noSecret.code).toBe(2); // an environment error
    expect(noSecret.err[0]).toBe(
      "error: TACT_PREVIEW_SECRET from the TACT_PREVIEW_SECRET environment variable is shorter than 32 characters",
    );
  });

  it("preview-link warns that a rule switched off shows nothing", async () => {
    await writeJson(dir, "off.json", { ...GOOD, rules: [GOOD.rules[0], { ...GOOD.rules[1], enabled: false }] });
    const run = await cli("preview-link", "home", "--file", "off.json");
    expect(run.code).toBe(0);
    expect(run.err[1]).toBe('note: rule "home" is switched off: the link shows nothing until `toggle home on`');
  });

  it("diff of two files", async () => {
    await writeJson(dir, "a.json", GOOD);
    await writeJson(dir, "b.json", { ...GOOD, rules: [GOOD.rules[1], GOOD.rules[0]] });
    const run = await cli("diff", "a.json", "b.json");
    expect(run.out).toEqual(["~ rules (order): picks, home → home, picks"]);
  });
});

describe("remote KV", () => {
  it("goes through wrangler's own KV commands with --remote and the environment", async () => {
    const calls: string[][] = [];
    const store = kvRuleSetStore(
      { remote: true, env: "production", persistTo: "/ignored", config: "/w.toml" },
      (args) => {
        calls.push([...args]);
        return Promise.resolve({ stdout: '{"version":1}', stderr: "" });
      },
    );
    expect(store.label).toBe("remote KV (env production)");
    expect(await store.read()).toBe('{"version":1}');
    await store.write('{"version":1}');
    expect(calls[0]).toEqual(
      kvKeyArgs("get", RULESET_KV_KEY, { remote: true, env: "production", persistTo: undefined, config: "/w.toml" }),
    );
    expect(calls[0]).toEqual([
      "kv",
      "key",
      "get",
      "ruleset",
      "--binding",
      "TACT_RULES",
      "--remote",
      "--env",
      "production",
      "--config",
      "/w.toml",
    ]);
    expect(calls[1]?.slice(0, 6)).toEqual(["kv", "key", "put", "ruleset", "--path", calls[1]?.[5]]);
    expect(calls[1]).toContain("--remote");
    expect(calls[1]).not.toContain("--persist-to");
  });
});
