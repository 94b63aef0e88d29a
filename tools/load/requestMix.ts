/**
 * The traffic of a load run: new shoppers, returning shoppers with a cookie
 * tact gave them, bad cookies, Global Privacy Control, assets and a few
 * profile look-ups, mixed in fixed shares and a fixed (seeded) order. Each
 * request checks its own answer (tools/load/answerChecks.ts). autocannon hands
 * Node 20's HTTP parser bodies to it as empty strings, so whole pages are
 * checked apart, by tools/load/samplePages.ts.
 */
import type { Request } from "autocannon";
import { mulberry32 } from "../../src/core/decide/seededRandom";
import { type Tally, answerChecks, emptyTally } from "./answerChecks";

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

export function emptyTallies(): Record<Kind, Tally> {
  return Object.fromEntries(KINDS.map((kind) => [kind, emptyTally()])) as Record<Kind, Tally>;
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

/** The kinds of one pass, each in its share, shuffled by the seeded generator (the Worker's own). */
function shuffledKinds(size: number, next: () => number): Kind[] {
  const kinds = KINDS.flatMap((kind) => Array.from({ length: Math.round((SHARES[kind] * size) / 100) }, () => kind));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }
  return kinds;
}

/** The requests of one pass of the mix; their answers are counted into `tallies`. */
export function requestMix(input: MixInput, tallies: Record<Kind, Tally>): Request[] {
  const next = mulberry32(input.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const page = () => {
    const roll = next();
    if (roll < 0.15) return "/";
    if (roll < 0.35) return `/category/${pick(input.categories)}`;
    return `/products/${pick(input.products)}`;
  };
  const assets = [
    ...input.products.slice(0, 8).map((id) => `/images/${id}.svg`),
    "/styles.css",
    "/robots.txt",
    "/images/hero.svg",
  ];
  const withCookie = (cookies: readonly string[]) => ({ accept: "text/html", cookie: `tact=${pick(cookies)}` });

  return shuffledKinds(input.size, next).map((kind): Request => {
    const checks = answerChecks(tallies[kind], input.afterEach);
    const path = kind === "asset" ? pick(assets) : kind === "profile" ? "/__tact/profile" : page();
    switch (kind) {
      case "new":
        return { method: "GET", path, headers: { accept: "text/html" }, ...checks.page(path, "required") };
      case "returning":
        return { method: "GET", path, headers: withCookie(input.cookies), ...checks.page(path, "when-changed") };
      case "bad-cookie":
        return { method: "GET", path, headers: withCookie(input.badCookies), ...checks.page(path, "required") };
      case "gpc": {
        const headers = { ...(next() < 0.5 ? withCookie(input.cookies) : { accept: "text/html" }), "sec-gpc": "1" };
        return { method: "GET", path, headers, ...checks.page(path, "forbidden") };
      }
      case "asset": {
        const accept = path.endsWith(".svg") ? "image/svg+xml,image/*" : path.endsWith(".css") ? "text/css" : "*/*";
        return { method: "GET", path, headers: { accept }, ...checks.asset(path) };
      }
      case "profile": {
        const headers = { accept: "application/json", cookie: `tact=${pick(input.cookies)}` };
        return { method: "GET", path, headers, ...checks.json(path) };
      }
    }
  });
}
