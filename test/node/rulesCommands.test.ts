/**
 * The rules commands against KV. Each command that reads or writes KV runs
 * once through the real wrangler, into a temporary --persist-to directory
 * (never a developer's .wrangler/state): wrangler starts a local runtime for
 * every KV command, seconds each. The other cases run against a wrangler
 * that keeps KV in memory (fakeWrangler.ts). The tests of a describe run in
 * order: each starts from what the one before left in the namespace. The same
 * edits on files are in rulesFileCommands.test.ts.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPreview } from "../../src/edges/cookie/preview";
import { NOW, closeValidator, runCli, scratchDir, writeJson } from "./cliHarness";
import { fakeWrangler } from "./fakeWrangler";
import { BROKEN, GOOD, SECRET } from "./ruleDocuments";

afterAll(closeValidator);

/** wrangler starts a local runtime for each KV command: seconds, not milliseconds. */
const KV_TIMEOUT = 90_000;

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await scratchDir());
  await writeJson(dir, "good.json", GOOD);
  await writeJson(dir, "broken.json", BROKEN);
});
afterAll(() => remove());

/** The token of a preview link the CLI printed, checked by the Worker's own verifyPreview. */
const previewOf = (link: string | undefined, at = NOW + 60) =>
  verifyPreview(new URL(link ?? "").searchParams.get("token") ?? "", SECRET, at);

describe("rules commands on local KV, through wrangler", () => {
  let kv: string;
  let label: string;
  const cli = (...args: string[]) =>
    runCli([...args, "--persist-to", kv], { cwd: dir, env: { TACT_PREVIEW_SECRET: SECRET } });

  beforeAll(() => {
    kv = join(dir, "kv");
    label = `local KV (in ${kv})`;
  });

  it(
    "push refuses an invalid document and writes nothing; --local publishes a valid one",
    { timeout: KV_TIMEOUT },
    async () => {
      const refused = await cli("push", "broken.json", "--local");
      expect(refused.code).toBe(1);
      expect(refused.err).toEqual([
        "error: refused: broken.json is not valid (1 problem):",
        '  rules[0].slot.selector: ".home-picks:has(li)" is not supported by HTMLRewriter: unsupported pseudo-class or pseudo-element in selector',
      ]);
      const pushed = await cli("push", "good.json", "--local");
      expect(pushed.out).toEqual([`(${label} held no ruleset)`, `pushed good.json to ${label}`]);
      expect(pushed.code).toBe(0);
    },
  );

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
    expect(await previewOf(run.out[0])).toEqual({
      ok: true,
      preview: { rule: "picks", variant: "warm", iat: NOW, exp: NOW + 1800 },
    });
    expect(await previewOf(run.out[0], NOW + 1801)).toEqual({ ok: false, reason: "expired" });
    expect(run.err[0]).toBe(
      'preview of rule "picks" as "warm", until 2026-11-23 12:30 UTC (signed with the TACT_PREVIEW_SECRET environment variable)',
    );
  });
});

describe("rules commands on KV, more cases (KV kept in memory)", () => {
  const wrangler = fakeWrangler();
  const label = "local KV";
  const cli = (...args: string[]) =>
    runCli(args, { cwd: dir, env: { TACT_PREVIEW_SECRET: SECRET }, wrangler: wrangler.run });

  it("push asks where to push", async () => {
    const push = await cli("push", "good.json");
    expect(push.code).toBe(2);
    expect(push.err[0]).toBe("error: say where to push: --local (this machine) or --remote (the account's KV)");
    expect(wrangler.calls).toEqual([]);
  });

  it("push refuses an invalid document without reading or writing KV", async () => {
    expect((await cli("push", "broken.json", "--local")).code).toBe(1);
    expect(wrangler.calls).toEqual([]);
    const pull = await cli("pull");
    expect(pull.code).toBe(1);
    expect(pull.err).toEqual([`error: there is no ruleset in ${label}`]);
  });

  it("a second push of the same document writes nothing", async () => {
    expect((await cli("push", "good.json", "--local")).code).toBe(0);
    const writes = () => wrangler.calls.filter((call) => call.slice(0, 3).join(" ") === "kv key put").length;
    expect(writes()).toBe(1);
    const again = await cli("push", "good.json", "--local");
    expect(again.out).toEqual([`${label} already holds good.json; nothing written`]);
    expect(writes()).toBe(1);
  });

  it("ramp refuses a rule without an experiment, and a percentage out of range", async () => {
    const noExperiment = await cli("ramp", "home", "50");
    expect(noExperiment.code).toBe(1);
    expect(noExperiment.err[0]).toBe(
      'error: rule "home" has no experiment, so there is nothing to ramp; switch the rule itself with `toggle home on|off`',
    );
    const tooMuch = await cli("ramp", "picks", "150");
    expect(tooMuch.code).toBe(2);
    expect(tooMuch.err[0]).toBe('error: "150" is not a percentage from 0 to 100');
  });

  it("preview-link --explain signs the explain claim, and only then", async () => {
    const run = await cli("preview-link", "picks", "warm", "--explain", "--base", "https://shop.example");
    expect(run.code).toBe(0);
    expect(await previewOf(run.out[0])).toMatchObject({ ok: true, preview: { explain: true } });
    expect(run.err[0]).toContain("with the overlay that says why each block is there");
    const plain = await cli("preview-link", "picks", "warm", "--base", "https://shop.example");
    const check = await previewOf(plain.out[0]);
    expect(check.ok && "explain" in check.preview).toBe(false);
  });

  it("pull --out writes the edited document, formatted like the repository's JSON", async () => {
    expect((await cli("toggle", "home", "off")).code).toBe(0);
    expect((await cli("ramp", "picks", "50")).code).toBe(0);
    const run = await cli("pull", "--out", "pulled.json");
    expect(run.code).toBe(0);
    const pulled = await readFile(join(dir, "pulled.json"), "utf8");
    expect(pulled).toContain('"traffic": 50');
    expect(pulled).toContain('"enabled": false');
    expect(pulled).toContain('"it": "Si abbina bene con",');
  });
});
