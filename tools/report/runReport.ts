/**
 * `npm run rules -- report`: reads tact events from log files or from
 * Analytics Engine, prints per experiment and variant the exposures,
 * click-through and conversion rates, the lift over the control with its 95%
 * interval and p-value, and a sample-ratio check; and writes the same as a
 * self-contained HTML page with charts.
 */
import { writeFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, UsageError } from "../rules/CliError";
import type { CliIo } from "../rules/CliIo";
import { parseDuration } from "../rules/parseDuration";
import { analyzeEvents, parseControls } from "./analyzeEvents";
import type { EventRow } from "./EventRow";
import { EventTally } from "./EventTally";
import { formatTextReport } from "./formatTextReport";
import { DEFAULT_DATASET, type TimeBound, queryAnalyticsEngine } from "./queryAnalyticsEngine";
import { readEventFile } from "./readEventLines";
import { renderHtmlReport } from "./renderHtmlReport";

export const REPORT_HELP = `Usage: npm run rules -- report [--events FILE]... [options]

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
  --json              print the figures as JSON instead of text`;

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

export async function runReport(argv: readonly string[], io: CliIo): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  function parse(args: string[]) {
    return parseArgs({
      args,
      options: {
        events: { type: "string", multiple: true },
        dataset: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        control: { type: "string", multiple: true },
        html: { type: "string" },
        "no-html": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
      strict: true,
    });
  }
  try {
    values = parse([...argv]).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify .*$/s, "") : String(error));
  }
  if (values.help) {
    io.out(REPORT_HELP);
    return 0;
  }
  const since = values.since === undefined ? undefined : parseTimeBound(values.since, "--since");
  const until = values.until === undefined ? undefined : parseTimeBound(values.until, "--until");
  const now = io.now();
  const tally = new EventTally();
  let source: string;

  if (values.events && values.events.length > 0) {
    const from = since && instant(since, now);
    const to = until && instant(until, now);
    const keep = (row: EventRow) =>
      (from === undefined || (row.ts ?? from) >= from) && (to === undefined || (row.ts ?? 0) < to);
    const described: string[] = [];
    for (const file of values.events) {
      const path = file === "-" ? "-" : isAbsolute(file) ? file : resolve(io.cwd, file);
      let stats;
      try {
        stats = await readEventFile(path, (row) => {
          if (keep(row)) tally.add(row);
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(`${file}: no such file`);
        throw error;
      }
      described.push(
        `${file === "-" ? "stdin" : file} (${stats.lines.toLocaleString("en-US")} lines, ${stats.events.toLocaleString("en-US")} events` +
          `${stats.malformed > 0 ? `, ${stats.malformed} malformed skipped` : ""})`,
      );
      if (stats.firstMalformed)
        io.err(`warning: ${file}: ${stats.malformed} malformed tact events, first at ${stats.firstMalformed}`);
    }
    source = described.join("; ");
  } else {
    const accountId = io.env["CLOUDFLARE_ACCOUNT_ID"];
    const token = io.env["CLOUDFLARE_API_TOKEN"];
    if (!accountId || !token) {
      throw new UsageError(
        "give --events FILE (a log), or set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN to read Analytics Engine",
      );
    }
    const dataset = values.dataset ?? DEFAULT_DATASET;
    const answer = await queryAnalyticsEngine({ accountId, token, dataset, since, until, fetch: io.fetch });
    for (const row of answer.rows) tally.add(row);
    source = `Analytics Engine dataset ${dataset} (${answer.rows.length.toLocaleString("en-US")} shopper rows)`;
    if (answer.sampled) {
      source += "; sampled by Analytics Engine: counts are of the sample, rates are unbiased";
    }
    if (answer.malformed > 0) io.err(`warning: ${answer.malformed} rows were not tact events and were skipped`);
  }

  const counted = tally.result();
  const report = analyzeEvents(counted, parseControls(values.control ?? []));
  if (report.experiments.length === 0 && report.rules.length === 0) {
    throw new CliError(`no tact events found in ${source}`);
  }
  if (values.json) io.out(JSON.stringify({ source, ...report }, null, 2));
  else for (const line of formatTextReport(report, source)) io.out(line);

  if (!values["no-html"]) {
    const target = values.html ?? "tact-report.html";
    const path = isAbsolute(target) ? target : resolve(io.cwd, target);
    await writeFile(path, renderHtmlReport(report, { source, generatedAt: now }));
    io.err(`wrote ${target}`);
  }
  return 0;
}
