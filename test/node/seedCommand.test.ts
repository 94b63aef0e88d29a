/**
 * `tact seed` (and `npm start`, which seeds first) writes only what local KV
 * lacks, so a tester's toggles and ramps survive a restart; --reset writes
 * everything again after a warning that names what it replaces. Against a
 * wrangler that keeps KV in memory.
 */
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../tools/cli/CliIo";
import { seedWithNotes } from "../../tools/dev/seedCommand";
import { seedCatalogEntries } from "../../tools/dev/seed";
import type { KvTarget } from "../../tools/shared/kvTarget";
import { NOW, closeValidator } from "./cliHarness";
import { fakeWrangler } from "./fakeWrangler";

afterAll(closeValidator);

const target: KvTarget = { remote: false, env: undefined, persistTo: "/tmp/state", config: "/w.toml" };
const seedRuleset = () => readFile(new URL("../../kv-seed/ruleset.json", import.meta.url), "utf8");

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    cwd: "/",
    now: () => NOW,
    fetch: () => Promise.reject(new Error("no network")),
  };
  return { io, out, err };
}

describe("tact seed", () => {
  const wrangler = fakeWrangler();
  const rules = () => wrangler.kv.get("TACT_RULES");
  const catalog = () => wrangler.kv.get("TACT_CATALOG");

  it("fills empty KV with the ruleset and every catalog entry", async () => {
    const { io, out, err } = capture();
    await seedWithNotes(target, false, io, wrangler.run);
    const entries = await seedCatalogEntries();
    expect(rules()?.get("ruleset")).toBe(await seedRuleset());
    expect(catalog()?.size).toBe(entries.length);
    expect(out).toEqual([
      "local KV (in /tmp/state): wrote the ruleset from kv-seed/ruleset.json",
      `local KV (in /tmp/state): wrote ${entries.length} catalog entries`,
    ]);
    expect(err).toEqual([]);
  });

  it("keeps a ramped ruleset and writes only the catalog entries that are missing", async () => {
    const toggled = (await seedRuleset()).replace('"traffic": 50', '"traffic": 80');
    expect(toggled).not.toBe(await seedRuleset());
    rules()?.set("ruleset", toggled);
    catalog()?.delete("popular");
    const { io, out, err } = capture();
    await seedWithNotes(target, false, io, wrangler.run);
    const entries = await seedCatalogEntries();
    expect(rules()?.get("ruleset")).toBe(toggled);
    expect(catalog()?.has("popular")).toBe(true);
    expect(out).toEqual([
      "local KV (in /tmp/state): kept the ruleset already there (`tact seed --reset` replaces it with kv-seed's)",
      `local KV (in /tmp/state): wrote 1 catalog entries, kept ${entries.length - 1} already there`,
    ]);
    expect(err).toEqual([]);
  });

  it("--reset says what it replaces, then writes everything again", async () => {
    rules()?.set("ruleset", '{"version":1,"rules":[]}');
    const { io, out, err } = capture();
    await seedWithNotes(target, true, io, wrangler.run);
    const entries = await seedCatalogEntries();
    expect(err).toEqual([
      `warning: --reset replaces what local KV (in /tmp/state) holds: the ruleset (toggles, ramps and pushed changes included) and ${entries.length} catalog entries`,
    ]);
    expect(rules()?.get("ruleset")).toBe(await seedRuleset());
    expect(out[1]).toBe(`local KV (in /tmp/state): wrote ${entries.length} catalog entries`);
  });

  it("reads and writes the local namespaces it was given", () => {
    for (const call of wrangler.calls) {
      expect(call).toContain("--local");
      expect(call.slice(call.indexOf("--persist-to"), call.indexOf("--persist-to") + 2)).toEqual([
        "--persist-to",
        "/tmp/state",
      ]);
    }
  });
});
