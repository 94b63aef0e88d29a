/**
 * Resident memory of the workerd processes a `wrangler dev` started by this
 * process runs, read from /proc (Linux). Elsewhere nothing is found and the
 * load run reports memory as not measured.
 */
import { readFileSync, readdirSync } from "node:fs";

interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly command: string;
}

function processTable(): ProcessEntry[] {
  let names: string[];
  try {
    names = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name in parentheses may hold spaces: the fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      return [{ pid: Number(name), ppid, command }];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/**
 * The workerd processes below this process's wrangler children: for each of
 * tact and the shop (`-c demo/wrangler.toml`), the one that runs the Worker's
 * code (wrangler starts it with an inspector) and the proxy in front of it.
 */
export interface WorkerdProcesses {
  readonly tact: { readonly worker: number[]; readonly proxy: number[] };
  readonly shop: { readonly worker: number[]; readonly proxy: number[] };
}

export function findWorkerd(): WorkerdProcesses {
  const table = processTable();
  const below = (pid: number): ProcessEntry[] => {
    const children = table.filter((entry) => entry.ppid === pid);
    return [...children, ...children.flatMap((child) => below(child.pid))];
  };
  const found: WorkerdProcesses = { tact: { worker: [], proxy: [] }, shop: { worker: [], proxy: [] } };
  for (const child of table.filter((entry) => entry.ppid === process.pid && entry.command.includes("wrangler"))) {
    const side = found[child.command.includes("demo/wrangler.toml") ? "shop" : "tact"];
    for (const entry of below(child.pid).filter((e) => /(^|\/)workerd\s/.test(e.command))) {
      side[entry.command.includes("--inspector-addr") ? "worker" : "proxy"].push(entry.pid);
    }
  }
  return found;
}

/** VmRSS of the processes together, in bytes; undefined when none can be read. */
export function residentBytes(pids: readonly number[]): number | undefined {
  let total = 0;
  let read = false;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) {
        total += Number(match[1]) * 1024;
        read = true;
      }
    } catch {
      // exited
    }
  }
  return read ? total : undefined;
}
