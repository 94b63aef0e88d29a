/**
 * What a process has used, read from /proc (Linux only): CPU time summed over
 * its threads (schedstat, in nanoseconds; /proc/<pid>/stat ticks as a
 * fallback) and resident memory. Used on each contender's workerd process,
 * so a Worker's own work shows, whatever else the machine is doing.
 */
import { readFileSync, readdirSync } from "node:fs";

const TICK_NS = 1e9 / 100; // USER_HZ is 100 on Linux

/** CPU time the process has used so far, in nanoseconds. */
export function cpuNanos(pid: number): number {
  try {
    let total = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").trim().split(/\s+/);
      total += Number(fields[0]);
    }
    if (total > 0) return total;
  } catch {
    // Threads come and go, or schedstat is missing: fall back to ticks.
  }
  // Fields after the command name, which may hold spaces: utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_NS;
}

export interface Memory {
  /** Resident set now, in bytes. */
  readonly rss: number;
  /** The most it has ever been resident, in bytes. */
  readonly peak: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** Direct children of `parent` whose command name is `name`. */
export function childProcesses(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent && command === name) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
