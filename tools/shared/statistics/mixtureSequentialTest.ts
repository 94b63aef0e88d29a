/**
 * Always-valid inference for an estimate that is asymptotically normal: the
 * normal-mixture sequential probability ratio test (mSPRT; Robbins 1970, as
 * used for A/B tests by Johari, Koomen, Pekelis & Walsh, "Always valid
 * inference", Operations Research 2022), which is the same boundary as the
 * asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy &
 * Ramdas ("Time-uniform central limit theory and asymptotic confidence
 * sequences", Annals of Statistics 2024, Theorem 2.2, Gaussian mixture).
 *
 * With an estimate θ̂ of variance V after N units and a N(0, τ²) mixture over
 * the true value, the likelihood ratio against θ = θ₀ is
 *
 *   Λ(θ₀) = (1 + r)^(−1/2) · exp(z² · r / (2(1 + r))),  z = (θ̂ − θ₀)/√V,  r = τ²/V
 *
 * and P(Λ ever reaches 1/α under θ₀) ≤ α (Ville's inequality), however often
 * it is looked at. So p = min(1, 1/Λ(0)) is a p-value valid at every look, and
 * the θ₀ with Λ(θ₀) < 1/α form an interval valid at every look:
 *
 *   θ̂ ± √(V · (1 + r)/r · (2 ln(1/α) + ln(1 + r)))
 *
 * The p-value falls below α exactly when the interval leaves out 0.
 *
 * τ² is set relative to the per-unit variance, r = ρ²·N, with ρ chosen so
 * that the interval is narrowest at N = `tunedFor` units (Waudby-Smith et al.,
 * section 2.3: ρ² = (−2 ln α + ln(1 − 2 ln α)) / N*). Any choice keeps the
 * guarantee; a good one only buys width near the sample size expected.
 */

export interface SequentialTest {
  readonly estimate: number;
  /** The confidence sequence's bounds at this look. */
  readonly low: number;
  readonly high: number;
  /** Always-valid p-value for "the true value is 0". */
  readonly pValue: number;
}

/** ρ² for an interval narrowest at `tunedFor` units, at level α. */
export function mixtureRhoSquared(tunedFor: number, alpha = 0.05): number {
  const twoLog = -2 * Math.log(alpha);
  return (twoLog + Math.log(1 + twoLog)) / tunedFor;
}

/**
 * The mSPRT of "θ = 0" and its 1 − α confidence sequence. Undefined when there
 * is no variance to speak of (nothing observed, or every unit alike).
 */
export function mixtureSequentialTest(
  estimate: number,
  variance: number,
  units: number,
  tunedFor: number,
  alpha = 0.05,
): SequentialTest | undefined {
  if (!(variance > 0) || !(units > 0) || !Number.isFinite(estimate)) return undefined;
  const r = mixtureRhoSquared(tunedFor) * units;
  const z2 = (estimate * estimate) / variance;
  const logLambda = (z2 * r) / (2 * (1 + r)) - 0.5 * Math.log1p(r);
  const half = Math.sqrt(variance * ((1 + r) / r) * (2 * Math.log(1 / alpha) + Math.log1p(r)));
  return { estimate, low: estimate - half, high: estimate + half, pValue: Math.min(1, Math.exp(-logLambda)) };
}
