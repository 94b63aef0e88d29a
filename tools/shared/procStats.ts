/**
 * What Linux's /proc says about processes: who is whose child, CPU time and
 * resident memory. The bench reads a contender's workerd through it, the load
 * run tact's workerd under `wrangler dev`, and the local stack what is left of
 * a process tree. Elsewhere (no /proc) the table is empty and readings are
 * undefined, and callers report memory as not measured.
 */
import { readFileSync, readdirSync } from "node:fs";

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** The executable's name, as the kernel keeps it (at most 15 characters). */
  readonly name: string;
  /** The whole command line, arguments joined by spaces. */
  readonly command: string;
}

/** The fields of /proc/<pid>/stat after the name, which may itself hold spaces and parentheses. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function entry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
    return { pid, ppid: Number(statFields(stat)[1]), name, command };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every process this user can see now. */
export function processTable(): ProcessEntry[] {
  let names: string[];
  try {
    names = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return names.flatMap((name) => entry(Number(name)) ?? []);
}

/** The processes below `pid`, children first, from one reading of the table. */
export function descendants(pid: number, table: readonly ProcessEntry[] = processTable()): ProcessEntry[] {
  const children = table.filter((process) => process.ppid === pid);
  return [...children, ...children.flatMap((child) => descendants(child.pid, table))];
}

/** Direct children of `parent` whose executable is `name`. */
export function childProcesses(parent: number, name: string): number[] {
  return processTable()
    .filter((process) => process.ppid === parent && process.name === name)
    .map((process) => process.pid);
}

const TICK_NS = 1e9 / 100; // USER_HZ is 100 on Linux

/** CPU time the process has used so far, in nanoseconds, summed over its threads. */
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
  // utime and stime are the 14th and 15th fields of stat.
  const fields = statFields(readFileSync(`/proc/${pid}/stat`, "utf8"));
  return (Number(fields[11]) + Number(fields[12])) * TICK_NS;
}

export interface Memory {
  /** Resident set now, in bytes. */
  readonly rss: number;
  /** The most it has ever been resident, in bytes. */
  readonly peak: number;
}

/** The process's memory; undefined once it has exited. */
export function memory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** The resident memory of the processes together, in bytes; undefined when none can be read. */
export function residentBytes(pids: readonly number[]): number | undefined {
  const readings = pids.flatMap((pid) => memory(pid)?.rss ?? []);
  return readings.length > 0 ? readings.reduce((sum, rss) => sum + rss, 0) : undefined;
}
