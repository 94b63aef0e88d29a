/**
 * Finds tact events in log text, line by line, in the forms they come in:
 *
 * - the Worker's own line, `{"level":"info","event":"tact.event",…}`, alone or
 *   after a prefix such as `npm start`'s `[tact] ` (so `npm start | tee dev.log`
 *   can be read as it is);
 * - `wrangler tail --format json` output, where each invocation is one JSON
 *   object (printed over several lines, indented) whose `logs[].message[]`
 *   holds the Worker's line as a string;
 * - the Worker's `bot.page` line, one per bot page view it left unpersonalized
 *   (src/edges/http/storefront.ts), in either form, is counted, not kept;
 * - anything else (wrangler's banners, the shop's lines, requests) is skipped.
 *
 * Lines that claim to be tact events but do not read as one are counted as
 * malformed, so a report never silently drops data it was meant to count.
 */
import { EVENT_LOG } from "../../src/core/decide/TactEvent";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import * as v from "valibot";
import { type EventRow, EventRowSchema } from "./EventRow";

/**
 * The marker the Worker's event lines carry (EVENT_LOG in src/core/decide/TactEvent.ts,
 * which cannot be imported here: it is typed against the Worker's bindings).
 */
export { EVENT_LOG };

/** The Worker's line for a bot's page view (src/edges/http/storefront.ts; test/worker/bots.test.ts pins it). */
export const BOT_PAGE_LOG = "bot.page";

export interface ReadStats {
  lines: number;
  events: number;
  malformed: number;
  /** The first malformed line's reason, to show the reader what went wrong. */
  firstMalformed: string | undefined;
  /** Bot page views the Worker logged: kept out of the experiments, so in no event. */
  botPages: number;
}

/** The longest pretty-printed tail object collected before giving up on it. */
const MAX_OBJECT_CHARS = 4 * 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export class EventLineReader {
  readonly stats: ReadStats = { lines: 0, events: 0, malformed: 0, firstMalformed: undefined, botPages: 0 };
  /** Lines of a tail object printed over several lines, while it is being read. */
  private pending: string[] | undefined;
  private pendingChars = 0;

  constructor(private readonly onRow: (row: EventRow) => void) {}

  private malformed(reason: string): void {
    this.stats.malformed++;
    this.stats.firstMalformed ??= `line ${this.stats.lines}: ${reason}`;
  }

  private event(record: Record<string, unknown>): void {
    const parsed = v.safeParse(EventRowSchema, record);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      this.malformed(`${issue ? `${v.getDotPath(issue) ?? "event"}: ${issue.message}` : "not an event"}`);
      return;
    }
    this.stats.events++;
    this.onRow(parsed.output);
  }

  /** A Worker log line's text, as it appears inside tail output. */
  private message(text: string): void {
    const start = text.indexOf("{");
    if (start === -1 || !(text.includes(EVENT_LOG) || text.includes(BOT_PAGE_LOG))) return;
    try {
      const record: unknown = JSON.parse(text.slice(start));
      if (isRecord(record)) this.record(record);
    } catch {
      if (text.includes(EVENT_LOG)) this.malformed("a tact.event log line that is not JSON");
    }
  }

  /** One of the Worker's log lines, parsed: an event, a bot's page view or something else. */
  private record(record: Record<string, unknown>): void {
    if (record["event"] === EVENT_LOG) this.event(record);
    else if (record["event"] === BOT_PAGE_LOG) this.stats.botPages++;
  }

  private object(value: unknown): void {
    if (!isRecord(value)) return;
    if (value["event"] === EVENT_LOG || value["event"] === BOT_PAGE_LOG) {
      this.record(value);
      return;
    }
    const logs = value["logs"];
    if (!Array.isArray(logs)) return;
    for (const entry of logs) {
      const messages = isRecord(entry) ? entry["message"] : undefined;
      if (!Array.isArray(messages)) continue;
      for (const message of messages) {
        if (typeof message === "string") this.message(message);
        else if (isRecord(message)) this.record(message);
      }
    }
  }

  push(rawLine: string): void {
    this.stats.lines++;
    const line = rawLine.replace(/\r$/, "");
    if (this.pending) {
      this.pending.push(line);
      this.pendingChars += line.length;
      // wrangler indents what is inside, so the object ends at a "}" in the first column.
      if (line === "}") {
        const text = this.pending.join("\n");
        this.pending = undefined;
        try {
          this.object(JSON.parse(text));
        } catch {
          if (text.includes(EVENT_LOG)) this.malformed("a tail object holding tact events that is not JSON");
        }
      } else if (this.pendingChars > MAX_OBJECT_CHARS) {
        this.pending = undefined;
        this.malformed("a JSON object too large to be a tail event");
      }
      return;
    }
    if (line === "{") {
      this.pending = [line];
      this.pendingChars = 1;
      return;
    }
    const start = line.indexOf("{");
    if (start === -1) return;
    let value: unknown;
    try {
      value = JSON.parse(line.slice(start));
    } catch {
      if (line.includes(EVENT_LOG)) this.malformed("a tact.event line that is not JSON");
      return;
    }
    this.object(value);
  }

  end(): void {
    if (this.pending && this.pending.join("\n").includes(EVENT_LOG))
      this.malformed("the file ends inside a JSON object");
    this.pending = undefined;
  }
}

/** Reads one log file ("-" for stdin) and passes each event on. */
export async function readEventFile(path: string, onRow: (row: EventRow) => void): Promise<ReadStats> {
  const reader = new EventLineReader(onRow);
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) reader.push(line);
  reader.end();
  return reader.stats;
}

/** Reads log text already in memory. */
export function readEventText(text: string, onRow: (row: EventRow) => void): ReadStats {
  const reader = new EventLineReader(onRow);
  for (const line of text.split("\n")) reader.push(line);
  reader.end();
  return reader.stats;
}
