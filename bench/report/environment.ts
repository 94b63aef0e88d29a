/** Where and with what a bench run happened, for RESULTS.md. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, release, totalmem, type } from "node:os";

const require = createRequire(import.meta.url);

export interface Environment {
  readonly date: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memory: string;
  readonly os: string;
  readonly loadBefore: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly commit: string;
}

function version(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const changed = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim();
    return changed === "" ? head : `${head} with uncommitted changes`;
  } catch {
    return "unknown";
  }
}

export const loadAverage = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

export function environment(): Environment {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpus: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${type()} ${release()}`,
    loadBefore: loadAverage(),
    versions: {
      node: process.version,
      wrangler: version("wrangler"),
      miniflare: version("miniflare"),
      workerd: version("workerd"),
      autocannon: version("autocannon"),
      "@growthbook/edge-cloudflare": version("@growthbook/edge-cloudflare"),
      "@growthbook/edge-utils": version("@growthbook/edge-utils"),
    },
    commit: commit(),
  };
}
