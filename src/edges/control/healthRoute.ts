/**
 * /__tact/health, for monitors: 200 "ok" or 503 "not ok", and nothing else
 * for anyone. What is wrong (ruleset problems, key ids, whether the public
 * development key is in use, a bad ORIGIN_URL) helps an attacker as much as
 * an operator, so the details come as JSON only with the TACT_HEALTH_TOKEN
 * secret as a bearer token, or on a loopback host (local development).
 */
import { readVars } from "../http/vars";
import { type AppContext, layGroundwork } from "../http/groundwork";
import { isLoopbackHost } from "../cookie/keyRing";
import { bearerMatches } from "./bearerMatches";

export async function healthRoute(c: AppContext): Promise<Response> {
  const vars = readVars(c.env);
  const { ruleset: outcome, keys } = await layGroundwork(c, vars);
  const healthy = outcome.ok && keys.ok && !vars.originError;
  const status = healthy ? 200 : 503;
  const trusted =
    isLoopbackHost(new URL(c.req.url).hostname) ||
    (await bearerMatches(c.req.header("authorization"), c.env.TACT_HEALTH_TOKEN));
  if (!trusted) return c.text(healthy ? "ok" : "not ok", status);
  const ruleset = outcome.ok
    ? {
        ok: true,
        rules: outcome.ruleset.rules.length,
        skipped: outcome.ruleset.skipped.flatMap((problem) => problem.reasons),
      }
    : { ok: false, reasons: outcome.reasons };
  const signing = keys.ok
    ? { ok: true, kids: [...keys.ring.byKid.keys()], development: keys.dev }
    : { ok: false, reason: keys.reason };
  return c.json({ ok: healthy, ruleset, keys: signing, origin: vars.originError ?? "ok" }, status);
}
