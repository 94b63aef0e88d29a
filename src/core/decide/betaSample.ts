/**
 * Beta-distributed draws from a uniform generator, for Thompson sampling.
 * Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); gamma draws by
 * Marsaglia and Tsang's method ("A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000), normals by Box–Muller.
 *
 * Written here rather than taken from a library: the smallest well-kept one
 * (@stdlib/random-base-beta) would add about 37 KiB gzipped to the Worker,
 * whose whole bundle is about 54 KiB, for a cron job's few thousand draws;
 * and the draws must come from the caller's seeded generator, so a
 * reweighting can be replayed and tested.
 */

type Uniform = () => number;

/** A uniform in (0, 1): never 0, so its logarithm is finite. */
const open = (random: Uniform): number => {
  let u = random();
  while (u <= 0) u = random();
  return u;
};

function standardNormal(random: Uniform): number {
  return Math.sqrt(-2 * Math.log(open(random))) * Math.cos(2 * Math.PI * random());
}

export function gammaSample(shape: number, random: Uniform): number {
  // Shapes below 1 are drawn at shape + 1 and scaled down (the paper's note).
  if (shape < 1) return gammaSample(shape + 1, random) * open(random) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = open(random);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaSample(a: number, b: number, random: Uniform): number {
  const x = gammaSample(a, random);
  return x / (x + gammaSample(b, random));
}
