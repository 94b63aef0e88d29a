/**
 * The traffic of a load run: new shoppers, returning shoppers with a cookie
 * tact gave them, bad cookies, Global Privacy Control, assets and a few
 * profile look-ups, mixed in fixed shares and a fixed (seeded) order. Each
 * request checks its own answer by status and headers: what tact may and may
 * not do with it (a cookie for new and returning shoppers, none for GPC or
 * assets). autocannon hands Node 20's HTTP parser bodies to it as empty
 * strings, so whole pages are checked apart, by tools/load.ts's sampler.
 */
import type { Request } from "autocannon";
import { mulberry32 } from "../../src/core/decide/seededRandom";

export const KINDS = ["new", "returning", "bad-cookie", "gpc", "asset", "profile"] as const;
export type Kind = (typeof KINDS)[number];

/** Share of each kind in the mix, in percent. */
export const SHARES: Readonly<Record<Kind, number>> = {
  new: 34,
  returning: 26,
  "bad-cookie": 10,
  gpc: 8,
  asset: 18,
  profile: 4,
};

export interface Tally {
  responses: number;
  /** Pages tact took over (Cache-Control: private): personalized or at least re-signed. */
  personalized: number;
  /** Pages served as the origin sent them (tact failed open, or had nothing to add). */
  untouched: number;
  /** Pages tact took over that wrote the profile cookie (it changed, or is a day old). */
  cookieWritten: number;
  /** Answers that broke the rules for their kind, with a few examples. */
  unexpected: number;
  readonly examples: string[];
  readonly statuses: Map<number, number>;
}

export function emptyTallies(): Record<Kind, Tally> {
  const tallies = {} as Record<Kind, Tally>;
  for (const kind of KINDS) {
    tallies[kind] = {
      responses: 0,
      personalized: 0,
      untouched: 0,
      cookieWritten: 0,
      unexpected: 0,
      examples: [],
      statuses: new Map(),
    };
  }
  return tallies;
}

export interface MixInput {
  readonly products: readonly string[];
  readonly categories: readonly string[];
  /** tact cookies obtained from first visits. */
  readonly cookies: readonly string[];
  /** Garbage, tampered, expired, alg none, oversized. */
  readonly badCookies: readonly string[];
  /** How many requests one pass of the mix holds. */
  readonly size: number;
  readonly seed: number;
  /** Called after every answer is counted (to sample memory as the run goes). */
  readonly afterEach?: () => void;
}

/** A small seeded generator (the Worker's own), so a run can be repeated exactly. */
const random = mulberry32;

function header(headers: Record<string, string | string[]>, name: string): string[] {
  const found = Object.entries(headers).filter(([key]) => key.toLowerCase() === name);
  return found.flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
}

/** The requests of one pass of the mix; their answers are counted into `tallies`. */
export function requestMix(input: MixInput, tallies: Record<Kind, Tally>): Request[] {
  const next = random(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const page = () => {
    const roll = next();
    if (roll < 0.15) return "/";
    if (roll < 0.35) return `/category/${pick(input.categories)}`;
    return `/products/${pick(input.products)}`;
  };
  const kinds = KINDS.flatMap((kind) =>
    Array.from({ length: Math.round((SHARES[kind] * input.size) / 100) }, () => kind),
  );
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }

  return kinds.map((kind): Request => {
    const tally = tallies[kind];
    const fail = (why: string) => {
      tally.unexpected += 1;
      if (tally.examples.length < 5) tally.examples.push(why);
    };
    const check = (path: string, rule: (status: number, headers: Record<string, string | string[]>) => void) => ({
      onResponse: (status: number, _body: string, _context: unknown, headers: Record<string, string | string[]>) => {
        tally.responses += 1;
        tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        if (status !== 200) fail(`${status} for ${path}`);
        else rule(status, headers);
        input.afterEach?.();
      },
    });
    const tactCookie = (headers: Record<string, string | string[]>) =>
      header(headers, "set-cookie").some((line) => line.startsWith("tact="));
    // A new shopper, or one whose cookie is refused, gets one; a returning shopper only when the profile changed.
    const pageRule = (path: string, cookie: "required" | "when-changed" | "forbidden") =>
      check(path, (_status, headers) => {
        if (!header(headers, "content-type").some((type) => type.startsWith("text/html"))) fail(`not HTML: ${path}`);
        const taken = header(headers, "cache-control").some((value) => value.startsWith("private"));
        if (taken) tally.personalized += 1;
        else tally.untouched += 1;
        if (taken && tactCookie(headers)) tally.cookieWritten += 1;
        if (cookie === "forbidden" && tactCookie(headers)) fail(`a tact cookie despite Sec-GPC: ${path}`);
        if (cookie === "required" && taken && !tactCookie(headers)) fail(`a page taken over without a cookie: ${path}`);
      });

    switch (kind) {
      case "new": {
        const path = page();
        return { method: "GET", path, headers: { accept: "text/html" }, ...pageRule(path, "required") };
      }
      case "returning": {
        const path = page();
        const headers = { accept: "text/html", cookie: `tact=${pick(input.cookies)}` };
        return { method: "GET", path, headers, ...pageRule(path, "when-changed") };
      }
      case "bad-cookie": {
        const path = page();
        const headers = { accept: "text/html", cookie: `tact=${pick(input.badCookies)}` };
        return { method: "GET", path, headers, ...pageRule(path, "required") };
      }
      case "gpc": {
        const path = page();
        const cookie = next() < 0.5 ? { cookie: `tact=${pick(input.cookies)}` } : {};
        return {
          method: "GET",
          path,
          headers: { accept: "text/html", "sec-gpc": "1", ...cookie },
          ...pageRule(path, "forbidden"),
        };
      }
      case "asset": {
        const path = pick([
          ...input.products.slice(0, 8).map((id) => `/images/${id}.svg`),
          "/styles.css",
          "/robots.txt",
          "/images/hero.svg",
        ]);
        const accept = path.endsWith(".svg") ? "image/svg+xml,image/*" : path.endsWith(".css") ? "text/css" : "*/*";
        return {
          method: "GET",
          path,
          headers: { accept },
          ...check(path, (_status, headers) => {
            if (tactCookie(headers)) fail(`a tact cookie on an asset: ${path}`);
          }),
        };
      }
      case "profile": {
        const headers = { accept: "application/json", cookie: `tact=${pick(input.cookies)}` };
        return {
          method: "GET",
          path: "/__tact/profile",
          headers,
          ...check("/__tact/profile", (_status, headers) => {
            if (!header(headers, "content-type").some((type) => type.startsWith("application/json"))) {
              fail("a profile answer that is not JSON");
            }
          }),
        };
      }
    }
  });
}
