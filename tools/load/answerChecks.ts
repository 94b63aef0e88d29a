/**
 * How a load run judges each answer by its status and headers, and counts it:
 * what tact may and may not do with each kind of request (a cookie for new and
 * returning shoppers, none for Global Privacy Control or assets).
 */

type Headers = Record<string, string | string[]>;

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

export function emptyTally(): Tally {
  return {
    responses: 0,
    personalized: 0,
    untouched: 0,
    cookieWritten: 0,
    unexpected: 0,
    examples: [],
    statuses: new Map(),
  };
}

function header(headers: Headers, name: string): string[] {
  const found = Object.entries(headers).filter(([key]) => key.toLowerCase() === name);
  return found.flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
}

const tactCookie = (headers: Headers) => header(headers, "set-cookie").some((line) => line.startsWith("tact="));

/** What a page answer must do with tact's cookie. */
export type CookieRule = "required" | "when-changed" | "forbidden";

/** The `onResponse` handlers for requests of one kind, counting into `tally`. */
export function answerChecks(tally: Tally, afterEach?: () => void) {
  const fail = (why: string) => {
    tally.unexpected += 1;
    if (tally.examples.length < 5) tally.examples.push(why);
  };
  const check = (path: string, rule: (headers: Headers) => void) => ({
    onResponse: (status: number, _body: string, _context: unknown, headers: Headers) => {
      tally.responses += 1;
      tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
      if (status !== 200) fail(`${status} for ${path}`);
      else rule(headers);
      afterEach?.();
    },
  });
  return {
    // A new shopper, or one whose cookie is refused, gets one; a returning shopper only when the profile changed.
    page: (path: string, cookie: CookieRule) =>
      check(path, (headers) => {
        if (!header(headers, "content-type").some((type) => type.startsWith("text/html"))) fail(`not HTML: ${path}`);
        const taken = header(headers, "cache-control").some((value) => value.startsWith("private"));
        if (taken) tally.personalized += 1;
        else tally.untouched += 1;
        if (taken && tactCookie(headers)) tally.cookieWritten += 1;
        if (cookie === "forbidden" && tactCookie(headers)) fail(`a tact cookie despite Sec-GPC: ${path}`);
        if (cookie === "required" && taken && !tactCookie(headers)) fail(`a page taken over without a cookie: ${path}`);
      }),
    asset: (path: string) =>
      check(path, (headers) => {
        if (tactCookie(headers)) fail(`a tact cookie on an asset: ${path}`);
      }),
    json: (path: string) =>
      check(path, (headers) => {
        if (!header(headers, "content-type").some((type) => type.startsWith("application/json"))) {
          fail("a profile answer that is not JSON");
        }
      }),
  };
}
