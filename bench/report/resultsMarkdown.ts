/** bench/RESULTS.md, written by every `npm run bench`. */
import type { Contender, ContenderId } from "../contenders/contenders";
import type { BenchSettings } from "../measure/measureRounds";
import type { BenchPage, PageName } from "../origin/benchPages";
import type { Share } from "./bundleBreakdown";
import type { Environment } from "./environment";
import { type Summary, KIB, fmtKib, fmtMs, fmtRatio } from "./summarize";
import { bundlesTable, growthbookTable, layersTable, markdown, resultsTable, targetsTable } from "./tables";

export interface ReportInput {
  readonly command: string;
  readonly environment: Environment;
  readonly loadAfter: string;
  readonly elapsedSeconds: number;
  readonly settings: BenchSettings;
  readonly pages: readonly BenchPage[];
  readonly contenders: readonly Contender[];
  readonly summary: Summary;
  readonly tactRules: Record<PageName, readonly string[]>;
  readonly tactBundle: {
    readonly shipped: readonly Share[];
    readonly minified: readonly Share[];
    /** The largest files of the minified build. */
    readonly largest: readonly Share[];
  };
  readonly peakRss: ReadonlyMap<ContenderId, number>;
  /** Requests GrowthBook's SDK made to its API host during the run. */
  readonly growthbookFeatureFetches: number;
}

function pageLine(page: BenchPage, rules: readonly string[]): string {
  const size = fmtKib(page.body.length);
  const first = page.stream && `the first ${fmtKib(page.stream.firstChunkBytes)} at once`;
  const rest = page.stream?.chunks === 1 ? "the rest" : `the rest in ${page.stream?.chunks} chunks`;
  const slow = page.stream ? `; the origin sends ${first} and ${rest} over ${page.stream.spreadMs / 1000} s` : "";
  return `- **${page.name}**: \`${page.path}\`, ${size}, slot \`${page.slot}\`${slow}. tact fills it with: ${rules.map((r) => `\`${r}\``).join(", ") || "nothing"}.`;
}

function breakdownTable(shares: { shipped: readonly Share[]; minified: readonly Share[] }): string {
  const minified = new Map(shares.minified.map((s) => [s.name, s.bytes]));
  const rows = shares.shipped
    .slice(0, 8)
    .map((s) => `| ${s.name} | ${fmtKib(s.bytes)} | ${fmtKib(minified.get(s.name) ?? 0)} |`);
  return ["| part | as shipped (raw) | minified (raw) |", "| --- | ---: | ---: |", ...rows].join("\n");
}

/** How far the floor alone moves when it verifies and signs again a profile cookie: what the design cannot avoid. */
function cookieScale(summary: Summary, pages: readonly BenchPage[]): string {
  const figures = pages
    .filter((page) => !page.stream)
    .map((page) => {
      const floor = summary.cells.floor[page.name];
      const cookie = summary.cells.cookieFloor[page.name];
      const added = cookie.unloadedP50 - floor.unloadedP50;
      const cpu =
        cookie.cpuMs !== undefined && floor.cpuMs !== undefined
          ? `, +${(cookie.cpuMs - floor.cpuMs).toFixed(3)} ms CPU`
          : "";
      return `${fmtRatio(cookie.rps / floor.rps)} its throughput on the ${page.name} page (${added >= 0 ? "+" : ""}${fmtMs(added)} ms alone p50${cpu})`;
    });
  return `For scale, "floor + cookie" is the floor plus only what keeping the shopper in a
signed cookie costs on every page view: verifying tact's profile cookie and signing
it again, with jose, and nothing else. Against the floor it reaches ${figures.join(" and ")}.`;
}

function runSection(input: ReportInput): string {
  const { environment: env, settings } = input;
  return `## Run

- **Date**: ${env.date}; took ${Math.round(input.elapsedSeconds)} s.
- **Machine**: ${env.cpus} CPUs (${env.cpuModel}), ${env.memory} memory, ${env.os}. Load average
  (1, 5, 15 min) ${env.loadBefore} before, ${input.loadAfter} after: the machine was shared with
  other work, which is why contenders are interleaved and rounds repeated (see "Method").
- **Versions**: ${Object.entries(env.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ")}.
- **Code**: commit ${env.commit}.
- **Command**: \`${input.command}\` (connections ${settings.connections}, rounds ${settings.rounds}, ${settings.seconds} s per load run on the fast pages, ${settings.connections * settings.slowRequestsPerConnection} requests started together per load run on the slow page, ${settings.samples} one-at-a-time requests per round on the fast pages).
`;
}

function targetsSection(input: ReportInput): string {
  const { summary, pages } = input;
  const passed = summary.targets.filter((t) => t.pass).length;
  return `## Targets

${passed} of ${summary.targets.length} met. Every figure comes from this run, so ratios compare like with like.

${markdown(targetsTable(summary))}

First bytes are measured one request at a time (no queueing). CPU is the
workerd process's, all threads, per request served under load: the
pass-through alone shows what the runtime's own I/O costs.

${cookieScale(summary, pages)}
`;
}

function resultsSection(input: ReportInput): string {
  const { settings, summary, pages, contenders } = input;
  const peak = contenders
    .filter((c) => input.peakRss.has(c.id))
    .map((c) => `${c.label} ${((input.peakRss.get(c.id) ?? 0) / KIB / KIB).toFixed(0)} MiB`)
    .join(", ");
  return `## Results

![Throughput and latency per contender and page](chart.svg)

Medians over ${settings.rounds} rounds; "req/s range" is the lowest and highest round.
"p50/p99" are under load at ${settings.connections} connections; "alone p50" and "first byte" are
one request at a time, every contender in turn (first byte: the first chunk of the body); on the slow page "alone p50"
comes from full reads of every contender started at the same moment, one request each, so
all share the same second of background noise. "CPU ms/req" is the
contender's workerd process CPU time (all threads) over a load run divided by the
requests it served; "RSS" its resident memory after the run.

${markdown(resultsTable(summary, contenders, pages))}

### What each layer costs

Each step compared with the one below it, same page, same run.

${markdown(layersTable(summary, pages))}

### tact and GrowthBook

"tact ahead by" is how many times better tact's figure is (below 1: GrowthBook is ahead).
GrowthBook's edge app reads the whole page into memory, parses it into a DOM,
applies the mutation and serialises it again, then injects its SDK and payload
as an inline script (hence its larger bodies); tact streams the page and injects
no script. GrowthBook's SDK asked its API host ${input.growthbookFeatureFetches} times during the run
(its payload is in memory).

${markdown(growthbookTable(summary))}

Peak resident memory of each workerd process over the whole run: ${peak}.
`;
}

function bundlesSection(input: ReportInput): string {
  const { contenders } = input;
  return `## Bundles

Built with \`wrangler deploy --dry-run --outdir\`, each from its own wrangler
config, and gzipped; the minified column adds \`--minify\`.

${markdown(bundlesTable(contenders))}

What tact's bundle is made of (bytes in the output, before gzip):

${breakdownTable(input.tactBundle)}

Its largest files, minified: ${input.tactBundle.largest.map((f) => `${f.name} ${fmtKib(f.bytes)}`).join(", ")}.
`;
}

function pagesSection(input: ReportInput): string {
  const { environment: env, pages, contenders } = input;
  return `## Pages and contenders

Served by a Node HTTP server on 127.0.0.1 (bench/origin/), in its own process,
from memory:

${pages.map((page) => pageLine(page, input.tactRules[page.name] ?? [])).join("\n")}

Every request carries the same headers: a desktop Chrome User-Agent,
\`Accept-Language: it-IT,it;q=0.9,en;q=0.8\`, \`Sec-Fetch-Dest: document\` and a Cookie with
tact's profile cookie (a shopper of two months: 12 visits, 2 orders, 8 recent
views, 6 category affinities, stated favourites, a running frequency cap) and
GrowthBook's id cookie.

${contenders.map((c) => `- **${c.label}**: ${c.what}.`).join("\n")}

Each Worker runs in its own workerd process through Miniflare (${env.versions["miniflare"]}),
with the compatibility date, vars and KV namespaces of its wrangler config. tact's
KV holds the demo ruleset (\`kv-seed/ruleset.json\`) and the catalog built from
\`kv-seed/products.json\`; its key is a fresh random one.
`;
}

function methodSection(input: ReportInput): string {
  const { settings } = input;
  return `## Method

1. Build every Worker; start the origin and one workerd per Worker; seed tact's KV.
2. Check every contender on every page (tact fills its slots and sets its cookie, the
   floor and GrowthBook insert the fixed block, pass-through and "no rule" leave the
   bytes alone); a contender that fails stops the run.
3. Warm up: a short load run on every contender and page.
4. ${settings.rounds} rounds. In each, for each page, the contenders in an order that
   rotates by round and page: first the one-at-a-time requests, then a load run on each
   contender with autocannon; CPU and memory are read from /proc around each load run.
   One-at-a-time requests go to every contender in turn, request by request, in an order
   that reverses each time, so background work on the machine falls on all of them alike
   (on the slow page: full reads of all contenders at once, then first-chunk reads one
   contender at a time).
5. Medians over rounds (rates, percentiles, CPU) or over pooled samples (one-at-a-time
   timings).

Caveats: this is workerd on a shared 2-CPU virtual machine, not Cloudflare's edge;
the load generator, the origin and the Worker share the CPUs, so absolute figures are
lower than in production and the ratios are what matter. KV is Miniflare's local
implementation, which runs inside the same workerd process, so tact's CPU figure
includes serving its own KV reads.
`;
}

export function resultsMarkdown(input: ReportInput): string {
  const sections = [
    runSection(input),
    targetsSection(input),
    resultsSection(input),
    bundlesSection(input),
    pagesSection(input),
    methodSection(input),
  ];
  return [
    `# tact benchmark results

Written by \`${input.command}\` (bench/run.ts); do not edit by hand. Run it
again to refresh this file and [chart.svg](chart.svg).
`,
    ...sections,
  ].join("\n");
}
