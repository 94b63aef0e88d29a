/**
 * The command end to end on files small enough to check by hand: the JSON
 * it prints, the results file it writes, and its answers to bad arguments.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tact } from "../cliHarness";

let dir: string;
/** `tact eval …argv`, through the dispatcher as `npx tact` runs it. */
async function run(...argv: string[]) {
  const { code, out, err } = await tact(["eval", ...argv], { cwd: dir });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tact-eval-"));
  const rows = (sessions: string[][], start: number) =>
    sessions.flatMap((items, s) =>
      items.map((item, i) => `${s + start}\t${item}\t${1_700_000_000 + 3600 * s + 60 * i}`),
    );
  const train = Array.from({ length: 12 }, (_, i) => (i % 2 ? ["a", "b", "c"] : ["d", "e", "f"]));
  await writeFile(join(dir, "train.tsv"), ["SessionId\tItemId\tTime", ...rows(train, 0)].join("\n"));
  // Two sessions of 3 views (2 predictions each, all new), and one whose only other item is unknown.
  const test = [
    ["a", "b", "c"],
    ["d", "e", "f"],
    ["a", "x"],
  ];
  await writeFile(join(dir, "test.tsv"), ["SessionId\tItemId\tTime", ...rows(test, 100)].join("\n"));
  // Six days of ';'-separated views with dates, for a split by days.
  const byDay = Array.from({ length: 24 }, (_, i) => {
    const day = `2016-05-0${1 + Math.floor(i / 4)}`;
    const items = i % 2 ? ["a", "b", "c"] : ["d", "e", "f"];
    return items.map((item, k) => `${i};NA;${item};${1000 * k};${day}`);
  });
  await writeFile(
    join(dir, "views.csv"),
    ["session_id;user_id;item_id;timeframe;eventdate", ...byDay.flat()].join("\n"),
  );
  await writeFile(join(dir, "categories.csv"), "itemId;categoryId\na;1\nb;1\nc;1\nd;2\ne;2\nf;2\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("tact eval", () => {
  it("prints one JSON object with every figure, and writes the same to the results file", async () => {
    const out = join(dir, "results.json");
    const result = await run(join(dir, "train.tsv"), join(dir, "test.tsv"), "--json", "--out", out, "--name", "toy");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out);
    expect(printed).toEqual(JSON.parse(await readFile(out, "utf8")));
    expect(printed.dataset).toBe("toy");
    expect(printed.split).toMatchObject({ kind: "files", judged: "test", judgedSessions: 2 });
    expect(printed.predictions).toEqual({ all: 4, new: 4 });
    expect(Object.keys(printed.baselines)).toEqual(["pop", "sr", "iknn", "pop-tactful", "sr-tactful", "iknn-tactful"]);
    expect(Object.keys(printed.constraints)).toEqual([
      "hide-seen-items",
      "category-cap",
      "shuffle",
      "minimum-of-2",
      "on-topic-fallback",
    ]);
    // a → b → c and d → e → f, always: sequential rules cannot miss.
    expect(printed.baselines.sr.all).toMatchObject({ predictions: 4, hr4: 1, hr10: 1, mrr20: 1 });
    expect(printed.tact.new.interval.hr4).toHaveLength(2);
    expect(printed.constraints["shuffle"].hr4Change.new.interval).toHaveLength(2);
    expect(printed.codeVersion).toMatch(/^([0-9a-f]{4,}(-dirty)?|unknown)$/);
    expect(printed.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(printed).not.toHaveProperty("experiments");
    expect(printed.command).toMatch(/^npx tact eval .*train\.tsv .*--json/);
    // The readable results file beside it: split, code version, date, command, one row per recommender.
    const markdown = await readFile(join(dir, "results.md"), "utf8");
    expect(markdown).toContain(`Code version: ${printed.codeVersion}; date: ${printed.date}`);
    expect(markdown).toContain(`Command: \`${printed.command}\``);
    expect(markdown).toMatch(/^\| sr \| 1\.000 \[/m);
  });

  it("splits by days, and with --validation judges the end of training", async () => {
    const out = "validation.json";
    const args = ["views.csv", "--test-days", "1", "--categories", "categories.csv"];
    const result = await run(...args, "--validation", "--out", out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/New next items/);
    expect(result.err).toMatch(/sessions \(100%/);
    // Relative paths are taken from where the command was typed.
    const document = JSON.parse(await readFile(join(dir, out), "utf8"));
    // Test: 2016-05-06; validation: 2016-05-05, carved from the training days.
    expect(document.split).toMatchObject({
      kind: "days",
      judged: "validation",
      validationDays: 1,
      cutoff: "2016-05-05",
    });
    expect(document.split.judgedSessions).toBe(4);
    expect(Object.keys(document.experiments)).toEqual(
      expect.arrayContaining(["shrinkage-0", "related-sequential", "fixed-category-cap"]),
    );
    const longer = await run(...args, "--validation-days", "2", "--out", out);
    expect(longer.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, out), "utf8")).split).toMatchObject({
      validationDays: 2,
      cutoff: "2016-05-04",
    });
  });

  it("answers bad arguments with a message and exit status 2, unreadable data with 1", async () => {
    expect((await run()).code).toBe(2);
    const both = await run(join(dir, "train.tsv"), join(dir, "test.tsv"), "--test-days", "7");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/not both/);
    expect((await run(join(dir, "train.tsv"), "--test-days", "0")).code).toBe(2);
    expect((await run("train.tsv", "--test-days", "1", "--validation-days", "x")).err).toMatch(/--validation-days/);
    expect((await run(join(dir, "train.tsv"))).err).toMatch(/--test-days/);
    // A file that cannot be opened is the surroundings' fault (2); one that cannot be read as a log, the data's (1).
    expect((await run(join(dir, "missing.tsv"), "--test-days", "1")).code).toBe(2);
    expect((await run(join(dir, "categories.csv"), "--test-days", "1")).code).toBe(1);
    expect((await run("--help")).out).toMatch(/Usage: tact eval .*\n.*npm run eval/);
    expect((await run("--help")).out).toMatch(/Exit codes: 0 done/);
    expect((await run("--help")).code).toBe(0);
    expect((await tact(["--help"], { cwd: dir })).out.join("\n")).toMatch(/^ {2}eval {5}/m);
  });
});
