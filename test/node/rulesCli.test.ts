/**
 * The rules CLI as a program: `npm run rules` runs it, exit codes are 0, 1 and
 * 2, help is there for each command; and the small pieces it is built from.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { jsonSyntaxError } from "../../tools/shared/parseJson";
import { parseDuration } from "../../tools/shared/parseDuration";
import { secretFromDevVars } from "../../tools/rules/previewSecret";
import { parsePercent } from "../../tools/rules/rampRule";
import { closeValidator, runCli } from "./cliHarness";

afterAll(closeValidator);

const root = new URL("../..", import.meta.url).pathname;

describe("the rules program", () => {
  it("is `tact rules`, and `npm run rules` runs it", async () => {
    const pkg = JSON.parse(await readFile(`${root}package.json`, "utf8"));
    expect(pkg.scripts.rules).toBe("node tools/cli/tact.mjs rules");
  });

  it("exits 0 for a valid document, 1 for an invalid one, 2 for a usage error", async () => {
    // Three processes at once: each spends its first seconds loading, not waiting on the others.
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [`${root}tools/cli/tact.mjs`, "rules", ...args],
          { cwd: root },
          (error, stdout, stderr) =>
            resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
        );
      });
    const [valid, invalid, usage] = await Promise.all([
      run("validate", "kv-seed/ruleset.json"),
      run("validate", "package.json"),
      run("frobnicate"),
    ]);
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^kv-seed\/ruleset\.json is valid: /);
    expect(invalid.status).toBe(1);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('error: unknown command "frobnicate"');
  }, 60_000);

  it("has help for every command", async () => {
    for (const command of ["validate", "push", "pull", "diff", "toggle", "ramp", "preview-link", "report"]) {
      const run = await runCli([command, "--help"], { cwd: root });
      expect(run.code, command).toBe(0);
      const usage = command === "report" ? "^Usage: tact report" : `^Usage: tact rules ${command}`;
      expect(run.out[0], command).toMatch(new RegExp(usage));
      expect(run.out.at(-1), command).toMatch(/^Exit codes: 0 done, 1 problems found, 2 usage or environment error/);
    }
    expect((await runCli(["--help"], { cwd: root })).code).toBe(0);
    expect((await runCli([], { cwd: root })).code).toBe(2);
  });

  it("exits 2 for a file that is not there, naming it", async () => {
    const missing = await runCli(["push", "no-such-rules.json", "--local"], { cwd: root });
    expect(missing).toMatchObject({ code: 2, err: ["error: no-such-rules.json: no such file"] });
  });

  it("refuses unknown options and conflicting ones", async () => {
    const unknown = await runCli(["validate", "--nope"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual(["error: Unknown option '--nope'", "run `tact rules validate --help`"]);
    const both = await runCli(["pull", "--local", "--remote"], { cwd: root });
    expect(both.code).toBe(2);
    expect(both.err[0]).toBe("error: choose one of --local and --remote");
  });
});

describe("pieces", () => {
  it("reads durations", () => {
    expect(parseDuration("3600")).toBe(3600);
    expect(parseDuration("30m")).toBe(1800);
    expect(parseDuration("1h")).toBe(3600);
    expect(parseDuration("7d")).toBe(604_800);
    expect(parseDuration("soon")).toBeUndefined();
  });

  it("reads percentages from 0 to 100", () => {
    expect(parsePercent("25")).toBe(25);
    expect(parsePercent("12.5%")).toBe(12.5);
    expect(() => parsePercent("101")).toThrow('"101" is not a percentage from 0 to 100');
    expect(() => parsePercent("-5")).toThrow();
  });

  it("finds the preview secret in .dev.vars", () => {
    expect(secretFromDevVars('TACT_KEYS=x\nTACT_PREVIEW_SECRET="abc def"\n')).toBe("abc def");
    expect(secretFromDevVars("export TACT_PREVIEW_SECRET=plain")).toBe("plain");
    expect(secretFromDevVars("OTHER=1")).toBeUndefined();
  });

  it("finds where JSON breaks, and why", () => {
    const at = (text: string) => jsonSyntaxError(text)?.offset;
    expect(jsonSyntaxError('{"a": 1}')).toBeUndefined();
    expect(at('{"a": 1,}')).toBe(8);
    expect(at('{"a": [1, 2}')).toBe(11);
    expect(at('{"a": tru}')).toBe(6);
    expect(at('{"a": 1')).toBe(7);
    expect(jsonSyntaxError('{\n  "a": 1,\n}')).toEqual({
      offset: 12,
      line: 3,
      column: 1,
      cause: 'unexpected "}" (a property name in double quotes was expected)',
    });
    expect(jsonSyntaxError('{"a": 1')?.cause).toBe("the text ends too early (a } or ] missing?)");
    expect(jsonSyntaxError("// note\n{}")?.cause).toBe('unexpected "/" (JSON has no comments)');
  });
});
