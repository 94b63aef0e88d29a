/**
 * What a load run prints and whether it passed: the table of figures, and the
 * failures (unanswered or unexpected answers, connection errors, pages cut
 * short, nothing personalized, memory that kept growing).
 */
import type { LoadResult } from "../shared/loadRun";
import { KINDS, type Kind } from "./requestMix";
import type { Tally } from "./answerChecks";
import type { Sampled } from "./samplePages";
import type { MemorySummary } from "./sampleMemory";

const MIB = 1024 * 1024;

export interface LoadRunFigures {
  readonly result: LoadResult;
  readonly requests: number;
  readonly warmup: number;
  readonly connections: number;
  readonly tallies: Record<Kind, Tally>;
  readonly sampled: Sampled;
  readonly memory: MemorySummary;
  /** tact's memory may grow this much after the first quarter before the run fails. */
  readonly maxGrowthBytes: number;
}

const ms = (value: number) => value.toFixed(1);
export const mib = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / MIB).toFixed(1)} MiB`);
export const total = (tallies: Record<Kind, Tally>, field: "responses" | "unexpected" | "personalized" | "untouched") =>
  KINDS.reduce((sum, kind) => sum + tallies[kind][field], 0);

function statusCounts(tallies: Record<Kind, Tally>): string {
  const statuses = new Map<number, number>();
  for (const kind of KINDS) {
    for (const [code, n] of tallies[kind].statuses) statuses.set(code, (statuses.get(code) ?? 0) + n);
  }
  return [...statuses].map(([code, n]) => `${code}: ${n}`).join(", ");
}

function kindRows(tallies: Record<Kind, Tally>): [string, string][] {
  return KINDS.map((kind): [string, string] => {
    const t = tallies[kind];
    const taken = t.personalized + t.untouched > 0 ? `, taken by tact ${t.personalized}, untouched ${t.untouched}` : "";
    return [`  ${kind}`, `${t.responses}${taken}${t.unexpected ? `, UNEXPECTED ${t.unexpected}` : ""}`];
  });
}

/** The figures of a run as name/value rows. */
export function loadRows(figures: LoadRunFigures): [string, string][] {
  const { result, tallies, sampled, memory } = figures;
  return [
    ["requests", `${result.answers} (after ${figures.warmup} warm-up), ${figures.connections} connections, loopback`],
    ["throughput", `${(result.answers / result.seconds).toFixed(0)} req/s over ${result.seconds.toFixed(1)} s`],
    [
      "latency p50 / p90 / p99 (2xx)",
      `${ms(result.p50)} / ${ms(result.p90)} / ${ms(result.p99)} ms (max ${ms(result.max)})`,
    ],
    ["connection errors / timeouts", `${result.errors} / ${result.timeouts}`],
    ["statuses", statusCounts(tallies)],
    ["unexpected answers", String(total(tallies, "unexpected"))],
    ...kindRows(tallies),
    [
      "pages that wrote the cookie",
      (["new", "returning", "bad-cookie"] as const)
        .map((kind) => `${kind} ${tallies[kind].cookieWritten} of ${tallies[kind].personalized}`)
        .join(", "),
    ],
    [
      "whole pages read alongside",
      `${sampled.pages}, with a tact block ${sampled.personalized}, problems ${sampled.problems.length}`,
    ],
    ["tact worker RSS start / end", `${mib(memory.start)} / ${mib(memory.end)}, max ${mib(memory.max)}`],
    ["tact worker RSS at 25/50/75 %", memory.quarters.map(mib).join(" / ")],
    ["memory samples", String(memory.count)],
    ["growth after the first quarter", memory.growth === undefined ? "n/a" : mib(memory.growth)],
    [
      "wrangler proxy RSS start / end",
      `${mib(memory.proxy[0])} / ${mib(memory.proxy[1])} (not tact's code; reported only)`,
    ],
  ];
}

function memoryFailures({ memory, maxGrowthBytes }: LoadRunFigures): string[] {
  const failures: string[] = [];
  if (memory.restarted) {
    failures.push("tact's workerd was restarted during the run (wrangler reloads it when a source file changes)");
  } else if (memory.start !== undefined && memory.growth === undefined) {
    failures.push(`memory was sampled ${memory.count} times: too few to tell whether it grows`);
  }
  if (memory.growth !== undefined && memory.growth > maxGrowthBytes) {
    failures.push(
      `tact's memory grew by ${mib(memory.growth)} after the first quarter (more than ${mib(maxGrowthBytes)})`,
    );
  }
  return failures;
}

/** Why the run failed; empty when it passed. */
export function loadFailures(figures: LoadRunFigures): string[] {
  const { result, requests, tallies, sampled } = figures;
  const failures: string[] = [];
  const unexpected = total(tallies, "unexpected");
  if (result.answers < requests) failures.push(`only ${result.answers} of ${requests} requests were answered`);
  if (unexpected > 0) {
    const examples = KINDS.flatMap((kind) => tallies[kind].examples).slice(0, 5);
    failures.push(`${unexpected} unexpected answers, e.g. ${examples.join("; ")}`);
  }
  if (result.errors > 0 || result.timeouts > 0) {
    failures.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
  }
  if (sampled.problems.length > 0) failures.push(`pages read alongside: ${sampled.problems.slice(0, 5).join("; ")}`);
  if (total(tallies, "personalized") === 0 || sampled.personalized === 0) {
    failures.push("no page was personalized: tact is not doing its job");
  }
  return [...failures, ...memoryFailures(figures)];
}
