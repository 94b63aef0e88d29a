/**
 * The Bayesian view of a proportion, from counts alone: with a uniform
 * Beta(1, 1) prior, x successes in n trials give the posterior
 * Beta(1 + x, 1 + n − x) (the beta-binomial conjugate pair). Its mean and
 * equal-tailed credible interval come from the library's beta quantile.
 *
 * Comparing two posteriors (independent, as randomisation makes the groups):
 *
 *   P(t > c)          = ∫₀¹ F_c(Q_t(u)) du
 *   E[max(c − t, 0)]  = E[c]·P(c⁺ > t) − E[t]·P(c > t⁺)
 *
 * where F is a CDF, Q a quantile function, and x⁺ the posterior with one more
 * success (Beta(a + 1, b)), since x·f_(a,b)(x) = E[x]·f_(a+1,b)(x). Each is a
 * one-dimensional integral over u, taken by the midpoint rule on `points`
 * quantiles: deterministic (no random draws that would change the report
 * between two runs on the same events) and accurate to well under 0.001 here.
 */
import { betaCdf, betaQuantile } from "./distributions";

export interface BetaPosterior {
  readonly a: number;
  readonly b: number;
  readonly mean: number;
  /** Equal-tailed credible interval (95% by default). */
  readonly low: number;
  readonly high: number;
}

export function betaPosterior(successes: number, trials: number, credibility = 0.95): BetaPosterior {
  const a = 1 + successes;
  const b = 1 + Math.max(0, trials - successes);
  const tail = (1 - credibility) / 2;
  return { a, b, mean: a / (a + b), low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b) };
}

export interface BayesComparison {
  /** P(the treated rate is above the control's). */
  readonly probabilityBetter: number;
  /** Expected loss (in rate) of choosing the treated arm: E[max(c − t, 0)]. */
  readonly expectedLoss: number;
  /** Expected loss of keeping the control: E[max(t − c, 0)]. */
  readonly expectedLossControl: number;
}

/** P(X > Y) for X ~ Beta(ax, bx), Y ~ Beta(ay, by), by the midpoint rule over X's quantiles. */
function probabilityAbove(ax: number, bx: number, ay: number, by: number, points: number): number {
  let sum = 0;
  for (let i = 0; i < points; i++) sum += betaCdf(betaQuantile((i + 0.5) / points, ax, bx), ay, by);
  return sum / points;
}

export function compareBetaPosteriors(treated: BetaPosterior, control: BetaPosterior, points = 128): BayesComparison {
  const probabilityBetter = probabilityAbove(treated.a, treated.b, control.a, control.b, points);
  const controlPlusAbove = 1 - probabilityAbove(treated.a, treated.b, control.a + 1, control.b, points);
  const controlAbovePlus = 1 - probabilityAbove(treated.a + 1, treated.b, control.a, control.b, points);
  const expectedLoss = Math.max(0, control.mean * controlPlusAbove - treated.mean * controlAbovePlus);
  return {
    probabilityBetter,
    expectedLoss,
    expectedLossControl: Math.max(0, treated.mean - control.mean + expectedLoss),
  };
}
