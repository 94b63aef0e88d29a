/**
 * The workerd processes of the local stack this process started: for each of
 * tact and the shop (`-c demo/wrangler.toml`), the one that runs the Worker's
 * code (wrangler starts it with an inspector) and the proxy in front of it.
 */
import { descendants, processTable } from "../shared/procStats";

export interface WorkerdProcesses {
  readonly tact: { readonly worker: number[]; readonly proxy: number[] };
  readonly shop: { readonly worker: number[]; readonly proxy: number[] };
}

export function findWorkerd(): WorkerdProcesses {
  const table = processTable();
  const found: WorkerdProcesses = { tact: { worker: [], proxy: [] }, shop: { worker: [], proxy: [] } };
  const wranglers = table.filter((entry) => entry.ppid === process.pid && entry.command.includes("wrangler"));
  for (const child of wranglers) {
    const side = found[child.command.includes("demo/wrangler.toml") ? "shop" : "tact"];
    for (const entry of descendants(child.pid, table).filter((e) => /(^|\/)workerd\s/.test(e.command))) {
      side[entry.command.includes("--inspector-addr") ? "worker" : "proxy"].push(entry.pid);
    }
  }
  return found;
}
