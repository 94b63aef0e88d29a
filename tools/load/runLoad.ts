/**
 * `npm run load`: a bounded load on loopback. Starts the demo shop and tact in
 * workerd (wrangler dev, on free ports, local KV seeded first), then drives
 * tact with autocannon: a warm-up, and a measured run of at least 20,000
 * requests mixing new shoppers, returning shoppers, bad cookies, Global
 * Privacy Control, assets and profile look-ups (tools/load/requestMix.ts).
 * It samples the resident memory of tact's workerd throughout, prints the
 * figures, and exits non-zero on any unexpected answer, on connection errors,
 * or on clear memory growth. It stops what it started, whatever happens.
 *
 *   npm run load                                 20,000 requests, 8 connections
 *   npm run load -- --requests 50000 --connections 16
 */
import { SignJWT, base64url } from "jose";
import type { Request } from "autocannon";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import products from "../../kv-seed/products.json";
import { type LocalStack, startLocalStack } from "../dev/localStack";
import { KINDS, type Kind, type Tally, emptyTallies, requestMix } from "./requestMix";
import { residentBytes } from "../shared/procStats";
import { type WorkerdProcesses, findWorkerd } from "./findWorkerd";
import { freePort } from "../shared/ports";
import { type LoadResult, loadRun } from "../shared/loadRun";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "20000" },
    connections: { type: "string", default: "8" },
    warmup: { type: "string", default: "2000" },
  },
});
const REQUESTS = Math.max(20_000, Number(args.requests));
const CONNECTIONS = Math.min(64, Math.max(1, Number(args.connections)));
const WARMUP = Math.max(0, Number(args.warmup));
/** The whole run, start-up included, is cut off past this. */
const TIME_LIMIT_MS = 10 * 60_000;
/** tact's resident memory may grow this much from a quarter of the way in to the end before the run fails. */
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

/**
 * The public development key tact uses on loopback, read from its source
 * (importing src/edges/cookie/keyRing.ts would bring the Workers' types into Node's).
 */
function developmentKey(): Uint8Array {
  const source = readFileSync(new URL("../../src/edges/cookie/keyRing.ts", import.meta.url), "utf8");
  const match = /DEV_KEYS = "[^:"]+:([A-Za-z0-9_-]+)"/.exec(source);
  if (!match?.[1]) throw new Error("DEV_KEYS was not found in src/edges/cookie/keyRing.ts");
  return base64url.decode(match[1]);
}

/** tact cookies, each from a new shopper's first page. */
async function firstVisits(tactUrl: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (const [i, product] of products.products.entries()) {
    if (i >= count) break;
    const id = product.id;
    const response = await fetch(`${tactUrl}/products/${id}`, { headers: { accept: "text/html" } });
    await response.arrayBuffer();
    const line = response.headers.getSetCookie().find((value) => value.startsWith("tact="));
    if (line) cookies.push(line.slice(5, line.indexOf(";")));
  }
  if (cookies.length === 0) throw new Error("tact set no cookie on any first visit: is it personalizing at all?");
  return cookies;
}

/** Garbage, tampered, alg none, expired (signed with the local development key) and oversized. */
async function badCookies(good: string): Promise<string[]> {
  const [header, payload, signature] = good.split(".") as [string, string, string];
  const now = Math.floor(Date.now() / 1000);
  const expired = await new SignJWT({ v: 1, id: "AAAAAAAAAAAAAAAAAAAAAA", vis: 2, fs: now - 9e5, ls: now - 9e5 })
    .setProtectedHeader({ alg: "HS256", kid: "dev" })
    .setIssuedAt(now - 9e5)
    .setExpirationTime(now - 8e5)
    .sign(developmentKey());
  return [
    "garbage",
    `${header}.${payload.slice(0, -2)}xx.${signature}`,
    `${base64url.encode('{"alg":"none"}')}.${payload}.`,
    expired,
    `${good}${"A".repeat(5000)}`,
  ];
}

function run(url: string, amount: number, requests: Request[]): Promise<LoadResult> {
  return loadRun({ url, connections: CONNECTIONS, amount, requests });
}

interface Memory {
  readonly samples: { done: number; worker: number; proxy: number | undefined }[];
  /** Records the memory now, after `done` answers. */
  take(done: number): void;
  /** Whether tact's workerd was replaced during the run (wrangler reloads it when a source file changes). */
  restarted(): boolean;
}

/**
 * The memory of tact's workerd, sampled as the run goes: every 250 answers,
 * and whenever asked. (Sampled on progress rather than on a timer, which a
 * busy load loop can starve.)
 */
function memoryOf(processes: WorkerdProcesses["tact"]): Memory & { tick(done: number): void } {
  const samples: Memory["samples"] = [];
  let current = processes;
  let replaced = false;
  const take = (done: number) => {
    let worker = residentBytes(current.worker);
    if (worker === undefined && current.worker.length > 0) {
      // The process is gone: a new one is a different isolate, whose memory says nothing of this run's.
      current = findWorkerd().tact;
      replaced = true;
      worker = residentBytes(current.worker);
    }
    if (worker !== undefined) samples.push({ done, worker, proxy: residentBytes(current.proxy) });
  };
  return { samples, take, tick: (done) => done % 250 === 0 && take(done), restarted: () => replaced };
}

interface Sampled {
  pages: number;
  personalized: number;
  problems: string[];
}

/**
 * While the load runs, whole pages are fetched and read to the end, a few a
 * second, as a browser would: each must be a 200, end with </html> and (with
 * a cookie or without) carry tact's block unless tact failed open.
 */
function samplePages(url: string, cookies: readonly string[], paths: readonly string[]) {
  const sampled: Sampled = { pages: 0, personalized: 0, problems: [] };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const path = paths[i % paths.length] ?? "/";
      const cookie = i % 2 === 0 ? {} : { cookie: `tact=${cookies[i % cookies.length]}` };
      try {
        const response = await fetch(`${url}${path}`, { headers: { accept: "text/html", ...cookie } });
        const html = await response.text();
        sampled.pages += 1;
        if (html.includes("data-tact-rule")) sampled.personalized += 1;
        if (response.status !== 200) sampled.problems.push(`${response.status} for ${path}`);
        else if (!html.trimEnd().endsWith("</html>")) sampled.problems.push(`a page cut short: ${path}`);
      } catch (error) {
        sampled.problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    sampled,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

const ms = (value: number) => value.toFixed(1);
const mib = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / MIB).toFixed(1)} MiB`);
const total = (tallies: Record<Kind, Tally>, field: "responses" | "unexpected" | "personalized" | "untouched") =>
  KINDS.reduce((sum, kind) => sum + tallies[kind][field], 0);

async function main(): Promise<number> {
  // Free ports for everything, devtools included, so a running `npm start` is left alone.
  const [tactPort, shopPort, tactInspector, shopInspector] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const output: string[] = [];
  const notable: string[] = [];
  console.log(`starting the demo shop on :${shopPort} and tact on :${tactPort} (wrangler dev, workerd)…`);
  let stack: LocalStack | undefined;
  const stopping = new AbortController();
  const stop = async () => {
    stopping.abort();
    await stack?.stop();
  };
  const interrupt = () => void stop().then(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const deadline = setTimeout(() => {
    console.error(`the run took longer than ${TIME_LIMIT_MS / 60_000} minutes; stopping`);
    void stop().then(() => process.exit(1));
  }, TIME_LIMIT_MS);

  try {
    stack = await startLocalStack({
      tactPort,
      shopPort,
      inspectorPorts: { tact: tactInspector, shop: shopInspector },
      signal: stopping.signal,
      // 20,000 requests make as many log lines; keep the last few for a failure.
      onOutput: (line) => {
        output.push(line);
        if (output.length > 40) output.shift();
        // Errors, 5xx answers and reloads are kept whole, to explain a failure.
        if (/\b5\d\d\b (?!OK)|error|exception|reload/i.test(line) && notable.length < 100) notable.push(line);
      },
    });
    const url = stack.tactUrl;
    const cookies = await firstVisits(url, 40);
    const bad = await badCookies(cookies[0] ?? "");
    const mixInput = {
      products: products.products.map((product) => product.id),
      categories: products.categories.map((category) => category.slug),
      cookies,
      badCookies: bad,
      size: 500,
    };

    console.log(`warming up: ${WARMUP} requests…`);
    await run(url, WARMUP, requestMix({ ...mixInput, seed: 1 }, emptyTallies()));

    const workerd = findWorkerd();
    const tallies = emptyTallies();
    const memory = memoryOf(workerd.tact);
    memory.take(0);
    const pages = samplePages(url, cookies, [
      "/",
      ...mixInput.products.slice(0, 12).map((id) => `/products/${id}`),
      ...mixInput.categories.map((slug) => `/category/${slug}`),
    ]);
    console.log(`measuring: ${REQUESTS} requests over ${CONNECTIONS} connections…`);
    const afterEach = () => memory.tick(total(tallies, "responses"));
    const result = await run(url, REQUESTS, requestMix({ ...mixInput, seed: 2, afterEach }, tallies));
    await pages.stop();
    // Let the isolate settle (timers, waitUntil work, a garbage collection) before the last look.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    memory.take(REQUESTS);

    const samples = memory.samples;
    const at = (fraction: number) => samples.find((sample) => sample.done >= REQUESTS * fraction);
    const start = samples[0]?.worker;
    const end = samples.at(-1)?.worker;
    const max = samples.reduce((most, sample) => Math.max(most, sample.worker), 0) || undefined;
    // The heap sizes itself to the load in the first stretch; a leak keeps growing after that.
    const settledIn = at(0.25)?.worker;
    const growth = settledIn !== undefined && end !== undefined ? end - settledIn : undefined;
    const proxy = [samples[0]?.proxy, samples.at(-1)?.proxy];
    const unexpected = total(tallies, "unexpected");
    const statuses = new Map<number, number>();
    for (const kind of KINDS) {
      for (const [code, n] of tallies[kind].statuses) statuses.set(code, (statuses.get(code) ?? 0) + n);
    }
    const { sampled } = pages;

    const rows: [string, string][] = [
      ["requests", `${result.answers} (after ${WARMUP} warm-up), ${CONNECTIONS} connections, loopback`],
      ["throughput", `${(result.answers / result.seconds).toFixed(0)} req/s over ${result.seconds.toFixed(1)} s`],
      [
        "latency p50 / p90 / p99 (2xx)",
        `${ms(result.p50)} / ${ms(result.p90)} / ${ms(result.p99)} ms (max ${ms(result.max)})`,
      ],
      ["connection errors / timeouts", `${result.errors} / ${result.timeouts}`],
      ["statuses", [...statuses].map(([code, n]) => `${code}: ${n}`).join(", ")],
      ["unexpected answers", String(unexpected)],
      ...KINDS.map((kind): [string, string] => {
        const t = tallies[kind];
        const taken =
          t.personalized + t.untouched > 0 ? `, taken by tact ${t.personalized}, untouched ${t.untouched}` : "";
        return [`  ${kind}`, `${t.responses}${taken}${t.unexpected ? `, UNEXPECTED ${t.unexpected}` : ""}`];
      }),
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
      ["tact worker RSS start / end", `${mib(start)} / ${mib(end)}, max ${mib(max)}`],
      ["tact worker RSS at 25/50/75 %", [0.25, 0.5, 0.75].map((q) => mib(at(q)?.worker)).join(" / ")],
      ["memory samples", String(samples.length)],
      ["growth after the first quarter", growth === undefined ? "n/a" : mib(growth)],
      ["wrangler proxy RSS start / end", `${mib(proxy[0])} / ${mib(proxy[1])} (not tact's code; reported only)`],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(`\ntact under load\n${rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join("\n")}\n`);

    const failures: string[] = [];
    if (result.answers < REQUESTS) failures.push(`only ${result.answers} of ${REQUESTS} requests were answered`);
    if (unexpected > 0) {
      failures.push(
        `${unexpected} unexpected answers, e.g. ${KINDS.flatMap((kind) => tallies[kind].examples)
          .slice(0, 5)
          .join("; ")}`,
      );
    }
    if (result.errors > 0 || result.timeouts > 0)
      failures.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
    if (sampled.problems.length > 0) failures.push(`pages read alongside: ${sampled.problems.slice(0, 5).join("; ")}`);
    if (total(tallies, "personalized") === 0 || sampled.personalized === 0) {
      failures.push("no page was personalized: tact is not doing its job");
    }
    if (memory.restarted()) {
      failures.push("tact's workerd was restarted during the run (wrangler reloads it when a source file changes)");
    } else if (start !== undefined && growth === undefined) {
      failures.push(`memory was sampled ${samples.length} times: too few to tell whether it grows`);
    }
    if (growth !== undefined && growth > MAX_GROWTH_BYTES) {
      failures.push(
        `tact's memory grew by ${mib(growth)} after the first quarter (more than ${mib(MAX_GROWTH_BYTES)})`,
      );
    }
    if (start === undefined) console.log("  (memory not measured: no /proc or no workerd process found)");
    for (const failure of failures) console.error(`FAIL: ${failure}`);
    if (notable.length > 0) console.log(`wrangler reported:\n${notable.join("\n")}`);
    if (failures.length > 0) console.error(`last lines from wrangler:\n${output.join("\n")}`);
    else
      console.log(`OK: every answer as expected, no connection errors, memory growth within ${mib(MAX_GROWTH_BYTES)}.`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    clearTimeout(deadline);
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
