/** The edge cache bench's table, targets and results file (bench/EDGE-CACHE.md). */
import type { Environment } from "./environment";
import { median, quantile } from "../../tools/shared/statistics";
import { type Table, markdown } from "./tables";

export interface CacheContender {
  readonly id: string;
  readonly label: string;
  readonly url: string;
  /** The workerd process; undefined for the origin itself. */
  readonly pid: number | undefined;
  /** Cookie header sent with every request (tact's shopper), or "". */
  readonly cookie: string;
}

export interface CacheSamples {
  /** One request at a time, pooled over rounds. */
  readonly firstByte: number[];
  readonly total: number[];
  /** Per round, under load. */
  readonly rps: number[];
  readonly cpuMs: number[];
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : "–");

export function cacheTable(contenders: readonly CacheContender[], samples: ReadonlyMap<string, CacheSamples>): Table {
  const rows = contenders.map((contender) => {
    const cell = samples.get(contender.id);
    if (!cell) throw new Error(`no samples for ${contender.id}`);
    return [
      contender.label,
      ms(median(cell.firstByte)),
      ms(quantile(cell.firstByte, 0.95)),
      ms(median(cell.total)),
      median(cell.rps).toFixed(0),
      cell.cpuMs.length > 0 ? ms(median(cell.cpuMs)) : "–",
    ];
  });
  return {
    head: ["contender", "first byte p50 ms", "first byte p95 ms", "whole page p50 ms", "req/s", "CPU ms/req"],
    rows,
    numeric: [false, true, true, true, true, true],
  };
}

export interface CacheTargets {
  readonly table: Table;
  readonly pass: boolean;
}

export function cacheTargets(samples: ReadonlyMap<string, CacheSamples>): CacheTargets {
  const firstByte = (id: string): number => median(samples.get(id)?.firstByte ?? []);
  const [tact, cached, origin] = [firstByte("tactCache"), firstByte("cachedPass"), firstByte("origin")];
  const targets = [
    {
      what: "tact's first byte on a cache hit, over a cached pass-through Worker's",
      target: "≤ 5 ms",
      measured: `${ms(tact - cached)} ms (${ms(tact)} against ${ms(cached)})`,
      pass: tact - cached <= 5,
    },
    {
      what: "the origin's first byte over tact's on a cache hit",
      target: "≥ 10×",
      measured: `${(origin / tact).toFixed(1)}× (${ms(origin)} against ${ms(tact)})`,
      pass: origin / tact >= 10,
    },
  ];
  return {
    table: {
      head: ["target", "wanted", "measured", "met"],
      rows: targets.map((t) => [t.what, t.target, t.measured, t.pass ? "yes" : "NO"]),
      numeric: [false, false, false, false],
    },
    pass: targets.every((t) => t.pass),
  };
}

export interface CacheReportInput {
  readonly command: string;
  readonly environment: Environment;
  readonly loadAfter: string;
  readonly settings: { rounds: number; samples: number; seconds: number; connections: number };
  readonly table: Table;
  readonly targets: CacheTargets;
}

export function cacheReport(input: CacheReportInput): string {
  const { environment: env, settings } = input;
  return `# tact's edge cache: benchmark results

Written by \`${input.command}\` (bench/edgeCache.ts); do not edit by hand.

## Run

- **Date**: ${env.date}. **Machine**: ${env.cpus} CPUs (${env.cpuModel}), ${env.memory} memory, ${env.os}.
  Load average ${env.loadBefore} before, ${input.loadAfter} after.
- **Versions**: ${Object.entries(env.versions)
    .filter(([name]) => !name.startsWith("@growthbook"))
    .map(([name, version]) => `${name} ${version}`)
    .join(", ")}. **Code**: commit ${env.commit}.
- **Rounds**: ${settings.rounds}; each round, ${settings.samples} requests one at a time to every contender in turn
  (the order rotating from round to round), then a ${settings.seconds} s load run at ${settings.connections} connections each.

## The page

The bench's 200 KB product page (/products/p03), which the origin makes in 300 ms before sending
any of it, with \`Cache-Control: public, s-maxage=600\`. tact's contenders get the demo ruleset
(its product rule fills the page's slot) and a returning shopper's cookie; "tact, edge cache" adds
\`settings.edgeCache: { pages: ["/products/*"] }\`. Catalog reads are answered from memory, as in
\`npm run bench\` (bench/workers/tactMemoryKv.ts).

## Targets

${markdown(input.targets.table)}

## Figures

${markdown(input.table)}

First byte and whole page: one request at a time, medians and 95th percentiles over every round's
requests. Requests per second and CPU (the workerd process's, per request): medians over rounds of
the load runs. The cached pass-through Worker answers from the Cache API and does nothing else; the
pass-through Worker forwards every request.
`;
}
