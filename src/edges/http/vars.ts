/**
 * Deployment-time configuration from wrangler vars. Parsed once per `env`
 * object (the runtime hands the same one to every request of an isolate); a bad
 * value falls back to its default with one log line rather than breaking pages.
 */
import * as v from "valibot";
import { log } from "../log";

/** Browsers cap cookie lifetime at 400 days (RFC 6265bis). */
export const MAX_COOKIE_AGE_DAYS = 400;

const HttpUrlSchema = v.pipe(
  v.string(),
  v.url("must be an absolute URL"),
  v.check((value) => /^https?:\/\//i.test(value), "must start with http:// or https://"),
);

const NumberVarSchema = (min: number, max: number) =>
  v.pipe(v.string(), v.trim(), v.toNumber(), v.integer(), v.minValue(min), v.maxValue(max));

const fields = {
  ORIGIN_URL: { schema: v.union([v.literal(""), HttpUrlSchema]), fallback: "" },
  COOKIE_MAX_AGE_DAYS: { schema: NumberVarSchema(1, MAX_COOKIE_AGE_DAYS), fallback: 180 },
  RULES_CACHE_SECONDS: { schema: NumberVarSchema(0, 3600), fallback: 30 },
  EDGE_CACHE: { schema: v.picklist(["on", "off"], 'must be "on" or "off"'), fallback: "on" },
} as const;

export interface Vars {
  /** Empty when tact runs on the storefront's own route. */
  readonly originUrl: URL | undefined;
  readonly cookieMaxAgeSeconds: number;
  readonly rulesCacheSeconds: number;
  /** False when EDGE_CACHE is "off": the ruleset's edgeCache setting is then ignored. */
  readonly edgeCache: boolean;
  /** Set when ORIGIN_URL is present but unusable: pages cannot be served. */
  readonly originError: string | undefined;
}

function parseField<K extends keyof typeof fields>(
  env: Env,
  name: K,
): v.InferOutput<(typeof fields)[K]["schema"]> | (typeof fields)[K]["fallback"] {
  const raw = (env as unknown as Record<string, unknown>)[name];
  const { schema, fallback } = fields[name];
  if (raw === undefined) return fallback;
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  log.error("config.invalid-var", {
    var: name,
    reason: result.issues[0]?.message ?? "invalid",
    using: fallback,
  });
  return fallback;
}

const parsed = new WeakMap<object, Vars>();

export function readVars(env: Env): Vars {
  const cached = parsed.get(env);
  if (cached) return cached;
  const origin = parseField(env, "ORIGIN_URL");
  const rawOrigin = (env as { ORIGIN_URL?: unknown }).ORIGIN_URL;
  const vars: Vars = {
    originUrl: origin === "" ? undefined : new URL(origin),
    originError:
      origin === "" && typeof rawOrigin === "string" && rawOrigin !== ""
        ? `ORIGIN_URL ${JSON.stringify(rawOrigin)} is not an http(s) URL`
        : undefined,
    cookieMaxAgeSeconds: parseField(env, "COOKIE_MAX_AGE_DAYS") * 86_400,
    rulesCacheSeconds: parseField(env, "RULES_CACHE_SECONDS"),
    edgeCache: parseField(env, "EDGE_CACHE") === "on",
  };
  parsed.set(env, vars);
  return vars;
}
