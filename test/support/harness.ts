/**
 * Helpers for driving the Worker the way the runtime does: requests through
 * its exported fetch, KV written through the real bindings.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { SignJWT, base64url, decodeJwt } from "jose";
import * as v from "valibot";
import demoProducts from "../../kv-seed/products.json";
import demoRuleSet from "../../kv-seed/ruleset.json";
import { ProductSourceSchema, buildCatalogEntries } from "../../tools/catalog/buildCatalogEntries";
import worker from "../../src/worker";
import { NEXT_KEY } from "./testKeys";
import { clearCatalogCache } from "../../src/edges/kv/readCatalog";
import { COOKIE_NAME } from "../../src/edges/cookie/profileCookie";
import { clearRuleSetCache } from "../../src/edges/kv/ruleSetCache";
import { RULESET_KEY } from "../../src/core/ruleset/RuleSet";

export const SHOP = "https://shop.test";

export const TEMPLATE = {
  block: '<section class="picks"><h2>{{heading}}</h2><ul>{{items}}</ul></section>',
  item: '<li><a href="{{url}}"><img src="{{image}}" alt=""><span>{{title}}</span> <b>{{price}}</b></a></li>',
};

export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "test-rule",
    page: "/__test/:kind/:name",
    slot: { selector: "#slot", position: "append" },
    count: 3,
    template: "cards",
    heading: { it: "Da non perdere", en: "Worth a look" },
    ...overrides,
  };
}

export function ruleset(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    // Learning waits for the catalog, however slow a busy test machine is.
    settings: { pages: { product: "/__test/product/:id" }, languages: ["it", "en"], learningWaitMs: 200 },
    templates: { cards: TEMPLATE },
    rules,
    ...extra,
  };
}

export function card(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: `Articolo ${id}`,
    url: `/products/${id}`,
    image: `/images/${id}.svg`,
    price: 12.5,
    currency: "EUR",
    category: "kitchen",
    inStock: true,
    ...overrides,
  };
}

/** Writes a ruleset (object, or raw text) and forgets the isolate's cached copy. */
export async function putRuleSet(document: unknown): Promise<void> {
  await env.TACT_RULES.put(RULESET_KEY, typeof document === "string" ? document : JSON.stringify(document));
  clearRuleSetCache();
}

export async function putCatalog(entries: Record<string, unknown>): Promise<void> {
  await Promise.all(Object.entries(entries).map(([key, value]) => env.TACT_CATALOG.put(key, JSON.stringify(value))));
  clearCatalogCache();
}

export async function standardCatalog(): Promise<void> {
  await putCatalog({
    "item:p1": { item: card("p1"), related: [card("p2"), card("p3"), card("p4", { inStock: false }), card("p5")] },
    "item:p2": { item: card("p2"), related: [card("p1"), card("p3")] },
    popular: { items: [card("p9"), card("p8"), card("p1"), card("p7")] },
  });
}

/** A browser's request: redirects come back to the caller rather than being followed. */
export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${SHOP}${path}`, { redirect: "manual", ...init }));
}

/** The value of tact's cookie in a response to a page of SHOP (https: `__Host-tact`), if it set one. */
export function tactCookie(response: Response): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    if (line.startsWith(`${COOKIE_NAME}=`)) return line.slice(COOKIE_NAME.length + 1).split(";")[0];
  }
  return undefined;
}

/** A Cookie header carrying tact's cookie, as a browser on SHOP sends it. */
export const withTactCookie = (value: string, others = ""): { cookie: string } => ({
  cookie: `${others}${others ? "; " : ""}${COOKIE_NAME}=${value}`,
});

/** Item ids inserted by tact, in page order. */
export function insertedItems(html: string): string[] {
  return [...html.matchAll(/data-tact-item="([^"]*)"/g)].map((m) => m[1] ?? "");
}

/** Calls the Worker's fetch with bindings changed, as a deployment with other config would. */
export async function getWithEnv(
  url: string,
  overrides: Partial<Record<keyof Env, unknown>>,
  init: RequestInit = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(url.startsWith("/") ? `${SHOP}${url}` : url, { redirect: "manual", ...init }),
    { ...env, ...overrides } as Env,
    ctx,
  );
  // Events are written after the page has been streamed: read it, then wait.
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(
    response.status === 101 || response.status === 204 || response.status === 304 ? null : body,
    response,
  );
}

let lastWarmed = 0;

/**
 * For a test that works in the isolate alone for seconds: a request to the
 * test origin now and then, so that the connection to it is still open when
 * the next test needs it (the origin's side closes one idle for 5 s).
 */
export async function keepOriginWarm(): Promise<void> {
  if (Date.now() - lastWarmed < 2000) return;
  lastWarmed = Date.now();
  // A pooled connection the origin has closed already fails at once
  // ("Network connection lost", retryable), and more than one may be pooled:
  // each failure drops one. The warm-up is a courtesy to the next test, never
  // part of what a test checks, so after three tries it gives up quietly.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await (await fetch(`${SHOP}/__test/json`)).arrayBuffer();
      return;
    } catch {
      // Try a fresh connection.
    }
  }
}

/**
 * The original bytes of a test origin page, fetched around tact. Tried
 * twice: after a long stretch without a request (a test working in the
 * isolate alone), the runtime may reuse a connection to the test origin
 * that the origin's side has already closed.
 */
export async function originBytes(path: string): Promise<Uint8Array> {
  const bytes = async () => new Uint8Array(await (await fetch(`${SHOP}${path}`)).arrayBuffer());
  return bytes().catch(bytes);
}

/** Loads the demo shop's ruleset and catalog, as `npm start` seeds them. */
export async function seedDemo(): Promise<void> {
  const entries = buildCatalogEntries(v.parse(ProductSourceSchema, demoProducts));
  await Promise.all(entries.map((entry) => env.TACT_CATALOG.put(entry.key, entry.value)));
  clearCatalogCache();
  await putRuleSet({ ...demoRuleSet, settings: { ...demoRuleSet.settings, learningWaitMs: 200 } });
}

/**
 * The demo ruleset (as seedDemo puts it) with an experiment on the home page's
 * main block: control shows nothing, treatment gets a heading of its own.
 */
export function demoWithHomeExperiment(experiment: Record<string, unknown>) {
  return {
    ...demoRuleSet,
    settings: { ...demoRuleSet.settings, learningWaitMs: 200 },
    rules: demoRuleSet.rules.map((rule) =>
      rule.id === "home-for-you"
        ? {
            ...rule,
            experiment: {
              traffic: 100,
              ...experiment,
              variants: [
                { id: "control", weight: 50, control: "nothing" },
                { id: "treatment", weight: 50, heading: { it: "Novità in bottega", en: "New in the shop" } },
              ],
            },
          }
        : rule,
    ),
  };
}

/** Categories of the demo products, by id. */
export const demoCategory = new Map(demoProducts.products.map((p) => [p.id, p.category]));

/** A browser with a cookie jar holding tact's cookie. */
export class Shopper {
  cookie: string | undefined;

  constructor(cookie?: string) {
    this.cookie = cookie;
  }

  async visit(path: string, headers: Record<string, string> = {}): Promise<{ html: string; response: Response }> {
    const response = await get(path, {
      headers: { ...headers, ...(this.cookie ? withTactCookie(this.cookie) : {}) },
    });
    this.cookie = tactCookie(response) ?? this.cookie;
    return { html: await response.text(), response };
  }

  payload(): Record<string, unknown> {
    return this.cookie ? decodeJwt(this.cookie) : {};
  }
}

/** The blocks tact inserted: rule id and item ids, in page order. */
export function blocks(html: string): { rule: string; items: string[] }[] {
  return [...html.matchAll(/<section data-tact-rule="([^"]+)"[\s\S]*?<\/section>/g)].map((match) => ({
    rule: match[1] ?? "",
    items: insertedItems(match[0]),
  }));
}

export const now = (): number => Math.floor(Date.now() / 1000);

/** A cookie as tact would have written it for a shopper with this history (claims override). */
export function cookieFor(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ v: 1, id: "QUFBQUFBQUFBQUFBQUFBQQ", vis: 1, fs: now() - 3600, ls: now() - 3600, ...claims })
    .setProtectedHeader({ alg: "HS256", kid: "next" })
    .setIssuedAt(now() - 3600)
    .setExpirationTime(now() + 86_400)
    .sign(base64url.decode(NEXT_KEY.slice(NEXT_KEY.indexOf(":") + 1)));
}

/** The events tact logged (console.log lines with "event":"tact.event"). */
export function loggedEvents(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls
    .map((call) => String(call[0]))
    .filter((line) => line.includes('"event":"tact.event"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
