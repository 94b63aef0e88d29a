/**
 * `tact cache purge` through the CLI: what it writes to the edge cache's
 * state (key "edge-cache" of TACT_RULES), where (local by default, remote and
 * environments as the rules commands do), and its usage errors and exit
 * codes, against a wrangler that keeps KV in memory; then once through the
 * real wrangler into local storage, read back with the Worker's own schema.
 */
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CacheStateSchema } from "../../src/edges/cache/cacheStateSchema";
import { runWrangler } from "../../tools/shared/wrangler";
import { NOW, scratchDir, tact } from "./cliHarness";
import { fakeWrangler } from "./fakeWrangler";

const stored = (wrangler: ReturnType<typeof fakeWrangler>): unknown =>
  JSON.parse(wrangler.kv.get("TACT_RULES")?.get("edge-cache") ?? "null");

describe("tact cache purge", () => {
  it("adds a purge per path prefix or shop URL, with its time, to local KV", async () => {
    const wrangler = fakeWrangler();
    const run = await tact(["cache", "purge", "/products/p01", "https://shop.example.com/category/garden"], {
      cwd: "/",
      wrangler: wrangler.run,
    });
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(stored(wrangler)).toEqual({
      generation: 0,
      purged: [
        { prefix: "/products/p01", at: NOW * 1000 },
        { prefix: "/category/garden", at: NOW * 1000 },
      ],
    });
    expect(run.out).toEqual([
      "purged /products/p01",
      "purged /category/garden",
      "saved to local KV; the Worker reads it within about a minute",
    ]);
    for (const call of wrangler.calls) expect(call.slice(4)).toContain("--local");
    expect(wrangler.calls.map((call) => call.slice(0, 4).join(" "))).toEqual([
      "kv key get edge-cache",
      "kv key put edge-cache",
    ]);
  });

  it("reads the state back: a later purge of a shorter prefix replaces the purges it covers", async () => {
    const wrangler = fakeWrangler();
    expect((await tact(["cache", "purge", "/products/p01", "/about"], { cwd: "/", wrangler: wrangler.run })).code).toBe(
      0,
    );
    expect((await tact(["cache", "purge", "/products/"], { cwd: "/", wrangler: wrangler.run })).code).toBe(0);
    expect(stored(wrangler)).toEqual({
      generation: 0,
      purged: [
        { prefix: "/about", at: NOW * 1000 },
        { prefix: "/products/", at: NOW * 1000 },
      ],
    });
  });

  it("--all moves the generation on and empties the list", async () => {
    const wrangler = fakeWrangler();
    wrangler.kv.set("TACT_RULES", new Map([["edge-cache", '{"generation":4,"purged":[{"prefix":"/a","at":1}]}']]));
    const run = await tact(["cache", "purge", "--all"], { cwd: "/", wrangler: wrangler.run });
    expect(run.code).toBe(0);
    expect(stored(wrangler)).toEqual({ generation: 5, purged: [] });
    expect(run.out[0]).toBe("generation 4 → 5 (--all): no page stored before now is served again");
  });

  it("writes the account's namespace with --remote, and a wrangler environment's with --env", async () => {
    const wrangler = fakeWrangler();
    const run = await tact(["cache", "purge", "/", "--remote", "--env", "production"], {
      cwd: "/",
      wrangler: wrangler.run,
    });
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toBe("saved to remote KV (env production); the Worker reads it within about a minute");
    for (const call of wrangler.calls) {
      expect(call).toEqual(expect.arrayContaining(["--binding", "TACT_RULES", "--remote", "--env", "production"]));
      expect(call).not.toContain("--local");
    }
  });

  it.each([
    [[], "name what to purge: a path prefix, a URL of the shop, or --all"],
    [["--all", "/x"], "--all purges every page; leave out the prefixes"],
    [["products/p01"], '"products/p01" is neither a URL nor a path starting with /'],
    [["https://shop.example.com/p?page=2"], "a purge names a path (or its start), without ?query or #fragment"],
    [["/x", "--local", "--remote"], "choose one of --local and --remote"],
    [["/x", "--everything"], "Unknown option '--everything'"],
  ])("refuses %j as a usage error (exit 2), touching nothing", async (args, message) => {
    const wrangler = fakeWrangler();
    const run = await tact(["cache", "purge", ...args], { cwd: "/", wrangler: wrangler.run });
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain(message);
    expect(run.err[1]).toBe("run `tact cache purge --help`");
    expect(wrangler.calls).toEqual([]);
  });

  it("refuses to overwrite a state it cannot read (exit 1), naming where it is", async () => {
    const wrangler = fakeWrangler();
    wrangler.kv.set("TACT_RULES", new Map([["edge-cache", '{"generation": 1,']]));
    const run = await tact(["cache", "purge", "/x"], { cwd: "/", wrangler: wrangler.run });
    expect(run.code).toBe(1);
    expect(run.err[0]).toBe(
      'error: local KV, key "edge-cache": the stored edge cache state is not JSON at line 1, column 18: ' +
        "the text ends too early (a } or ] missing?); nothing was written",
    );
    expect(wrangler.calls).toHaveLength(1);
  });

  it("says so when wrangler fails (exit 2)", async () => {
    const run = await tact(["cache", "purge", "/x"], { cwd: "/", wrangler: fakeWrangler("not logged in").run });
    expect(run).toMatchObject({ code: 2, err: ["error: not logged in"] });
  });

  it("has --help, and `tact --help` lists it", async () => {
    const help = await tact(["cache", "purge", "--help"], { cwd: "/", wrangler: fakeWrangler().run });
    expect(help.code).toBe(0);
    expect(help.out.join("\n")).toContain("tact cache purge --all [KV options]");
    expect(help.out.join("\n")).toContain("--persist-to DIR");
    const all = await tact(["--help"], { cwd: "/" });
    expect(all.out.some((line) => line.startsWith("  cache    the edge cache: purge"))).toBe(true);
  });
});

describe("tact cache purge through wrangler", () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await scratchDir()));
  afterAll(() => remove());

  it("writes a state the Worker's schema reads, into local storage", { timeout: 90_000 }, async () => {
    const persist = join(dir, "state");
    expect((await tact(["cache", "purge", "/products/", "--persist-to", persist], { cwd: dir })).code).toBe(0);
    const { stdout } = await runWrangler([
      "kv",
      "key",
      "get",
      "edge-cache",
      "--binding",
      "TACT_RULES",
      "--local",
      "--persist-to",
      persist,
    ]);
    expect(v.parse(CacheStateSchema, JSON.parse(stdout))).toEqual({
      generation: 0,
      purged: [{ prefix: "/products/", at: NOW * 1000 }],
    });
  });
});
