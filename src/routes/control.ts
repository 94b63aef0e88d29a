/**
 * tact's own endpoints under /__tact. For now: a health check that says
 * whether the ruleset loaded and the signing keys are usable, without
 * revealing either.
 */
import { Hono } from "hono";
import { readVars } from "../config/vars";
import { layGroundwork } from "../personalize/groundwork";

export const control = new Hono<{ Bindings: Env }>();

control.use(async (c, next) => {
  await next();
  c.header("cache-control", "no-store");
  c.header("x-content-type-options", "nosniff");
});

control.get("/health", async (c) => {
  const vars = readVars(c.env);
  const { ruleset: outcome, keys } = await layGroundwork(c, vars);
  const ruleset = outcome.ok
    ? { ok: true, rules: outcome.ruleset.rules.length, skipped: outcome.ruleset.skipped.length }
    : { ok: false, reason: outcome.reason };
  const signing = keys.ok ? { ok: true, development: keys.dev } : { ok: false, reason: keys.reason };
  const healthy = outcome.ok && keys.ok && !vars.originError;
  // Always 200: the body says what is wrong; tact answers no 5xx of its own.
  return c.json({ ok: healthy, ruleset, keys: signing, origin: vars.originError ?? "ok" });
});

control.all("*", (c) => c.json({ error: "no such tact endpoint" }, 404));
