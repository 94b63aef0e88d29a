/**
 * `tact report`: reads tact events from log files or from
 * Analytics Engine, prints per experiment and variant the exposures,
 * click-through and conversion rates, the lift over the control with its 95%
 * interval and p-value, and a sample-ratio check; and writes the same as a
 * self-contained HTML page with charts.
 */
import { writeFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { CliError, EXIT_CODES, EnvironmentError, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { type Options, parseCommandLine, runCommand, text } from "../cli/runCommand";
import { parseDuration } from "../shared/parseDuration";
import { analyzeEvents, parseControls } from "./analyzeEvents";
import type { EventRow } from "./EventRow";
import { EventTally } from "./EventTally";
import { formatTextReport } from "./formatTextReport";
import { DEFAULT_DATASET, type TimeBound, queryAnalyticsEngine } from "./queryAnalyticsEngine";
import { readEventFile } from "./readEventLines";
import { renderHtmlReport } from "./renderHtmlReport";

export const REPORT_HELP = `Usage: tact report [--events FILE]... [options]

Reads tact events and prints, per experiment and variant: exposed shoppers,
exposures, click-through and conversion rates, the lift over the control with
a 95% interval, the p-value, and a sample-ratio check; rules shown outside any
experiment get their click-through rate. Also writes an HTML report.

Where the events come from:
  --events FILE       a log: the Worker's JSON lines (npm start | tee dev.log),
                      or \`wrangler tail --format json\` output; "-" reads stdin.
                      Repeat for several files.
  (no --events)       the Analytics Engine SQL API, with CLOUDFLARE_ACCOUNT_ID and
                      CLOUDFLARE_API_TOKEN (Account Analytics: Read) from the environment
  --dataset NAME      the Analytics Engine dataset (default ${DEFAULT_DATASET})

Options:
  --since WHEN        only events from then: 7d, 12h (ago) or a date, 2026-07-01
  --until WHEN        only events before then (same forms)
  --control ID        the control variant, for every experiment that has it;
  --control EXP=ID    or for one experiment. Default: the variant named "control",
                      else "holdout", else the first alphabetically.
  --html FILE         where to write the HTML report (default tact-report.html)
  --no-html           do not write it
  --json              print the figures as JSON instead of text

${EXIT_CODES} (1: no tact events found)`;

/** "7d" or "12h" ago, or a date / date-time (UTC unless it says otherwise). */
export function parseTimeBound(text: string, flag: string): TimeBound {
  const ago = parseDuration(text);
  if (ago !== undefined) return { ago };
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(date))
    throw new UsageError(`${flag} "${text}" is neither a duration (7d, 12h) nor a date (2026-07-01)`);
  return { at: Math.floor(date / 1000) };
}

const instant = (bound: TimeBound, now: number) => ("ago" in bound ? now - bound.ago : bound.at);

const OPTIONS = {
  events: { type: "string", multiple: true },
  dataset: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  control: { type: "string", multiple: true },
  html: { type: "string" },
  "no-html": { type: "boolean" },
  json: { type: "boolean" },
} as const satisfies Options;

interface ReportArgs {
  readonly events: readonly string[];
  readonly dataset: string | undefined;
  readonly since: TimeBound | undefined;
  readonly until: TimeBound | undefined;
  readonly controls: readonly string[];
  readonly html: string | undefined;
  readonly json: boolean;
}

function reportArgs(argv: readonly string[]): ReportArgs | "help" {
  const { values } = parseCommandLine(argv, OPTIONS, false);
  if (values["help"]) return "help";
  const list = (name: string) => (values[name] as string[] | undefined) ?? [];
  const since = text(values, "since");
  const until = text(values, "until");
  return {
    events: list("events"),
    dataset: text(values, "dataset"),
    since: since === undefined ? undefined : parseTimeBound(since, "--since"),
    until: until === undefined ? undefined : parseTimeBound(until, "--until"),
    controls: list("control"),
    html: values["no-html"] ? undefined : (text(values, "html") ?? "tact-report.html"),
    json: values["json"] === true,
  };
}

/** Counts the events of log files into `tally`; returns what was read, in words. */
async function readLogs(args: ReportArgs, io: CliIo, tally: EventTally): Promise<string> {
  const now = io.now();
  const from = args.since && instant(args.since, now);
  const to = args.until && instant(args.until, now);
  const keep = (row: EventRow) =>
    (from === undefined || (row.ts ?? from) >= from) && (to === undefined || (row.ts ?? 0) < to);
  const described: string[] = [];
  for (const file of args.events) {
    const path = file === "-" ? "-" : isAbsolute(file) ? file : resolve(io.cwd, file);
    let stats;
    try {
      stats = await readEventFile(path, (row) => {
        if (keep(row)) tally.add(row);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new EnvironmentError(`${file}: no such file`);
      throw error;
    }
    described.push(
      `${file === "-" ? "stdin" : file} (${stats.lines.toLocaleString("en-US")} lines, ${stats.events.toLocaleString("en-US")} events` +
        `${stats.malformed > 0 ? `, ${stats.malformed} malformed skipped` : ""})`,
    );
    if (stats.firstMalformed)
      io.err(`warning: ${file}: ${stats.malformed} malformed tact events, first at ${stats.firstMalformed}`);
  }
  return described.join("; ");
}

/** Counts the events Analytics Engine holds into `tally`; returns where they came from, in words. */
async function readAnalyticsEngine(args: ReportArgs, io: CliIo, tally: EventTally): Promise<string> {
  const accountId = io.env["CLOUDFLARE_ACCOUNT_ID"];
  const token = io.env["CLOUDFLARE_API_TOKEN"];
  if (!accountId || !token) {
    throw new UsageError(
      "give --events FILE (a log), or set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN to read Analytics Engine",
    );
  }
  const dataset = args.dataset ?? DEFAULT_DATASET;
  const { since, until } = args;
  const answer = await queryAnalyticsEngine({ accountId, token, dataset, since, until, fetch: io.fetch });
  for (const row of answer.rows) tally.add(row);
  if (answer.malformed > 0) io.err(`warning: ${answer.malformed} rows were not tact events and were skipped`);
  const source = `Analytics Engine dataset ${dataset} (${answer.rows.length.toLocaleString("en-US")} shopper rows)`;
  return answer.sampled
    ? `${source}; sampled by Analytics Engine: counts are of the sample, rates are unbiased`
    : source;
}

async function report(argv: readonly string[], io: CliIo): Promise<number> {
  const args = reportArgs(argv);
  if (args === "help") {
    io.out(REPORT_HELP);
    return 0;
  }
  const tally = new EventTally();
  const source = args.events.length > 0 ? await readLogs(args, io, tally) : await readAnalyticsEngine(args, io, tally);
  const result = analyzeEvents(tally.result(), parseControls(args.controls));
  if (result.experiments.length === 0 && result.rules.length === 0) {
    throw new CliError(`no tact events found in ${source}`);
  }
  if (args.json) io.out(JSON.stringify({ source, ...result }, null, 2));
  else for (const line of formatTextReport(result, source)) io.out(line);
  if (args.html !== undefined) {
    const path = isAbsolute(args.html) ? args.html : resolve(io.cwd, args.html);
    await writeFile(path, renderHtmlReport(result, { source, generatedAt: io.now() }));
    io.err(`wrote ${args.html}`);
  }
  return 0;
}

/** Runs `tact report …`; resolves to the exit code. */
export function runReport(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "report", () => report(argv, io));
}
