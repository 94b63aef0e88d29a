import { describe, expect, it } from "vitest";
import { type CompiledExperiment, assignVariant, inHoldout } from "../../src/core/decide/assign";
import { bucket } from "../../src/core/decide/bucket";
import { mulberry32 } from "../../src/core/decide/seededRandom";

/** 100,000 anonymous ids shaped like tact's (22 base64url characters), reproducibly. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const random = mulberry32(20261123);
const ids = Array.from({ length: 100_000 }, () =>
  Array.from({ length: 22 }, () => ALPHABET[Math.floor(random() * 64)]).join(""),
);

/** Pearson's chi-square statistic of observed counts against expected counts. */
function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - (expected[i] ?? 0)) ** 2 / (expected[i] ?? 1), 0);
}

// Critical values at p = 0.001 (a fair hash fails these one time in a thousand).
const CRITICAL_9_DF = 27.877;
const CRITICAL_2_DF = 13.816;

function experiment(overrides: Partial<CompiledExperiment> = {}): CompiledExperiment {
  return {
    key: "home-2026",
    traffic: 1,
    variants: [
      { id: "control", share: 0.5, control: "nothing", change: undefined },
      { id: "treatment", share: 0.3, control: undefined, change: {} },
      { id: "bold", share: 0.2, control: undefined, change: {} },
    ],
    namespace: undefined,
    ...overrides,
  };
}

describe("bucketing", () => {
  it("spreads 100,000 ids evenly over ten buckets (chi-square, p > 0.001)", () => {
    const counts = Array<number>(10).fill(0);
    for (const id of ids) counts[Math.floor(bucket("variant:home-2026:", id) * 10)]! += 1;
    expect(chiSquare(counts, Array<number>(10).fill(10_000))).toBeLessThan(CRITICAL_9_DF);
  });

  it("assigns variants in their weights over 100,000 ids", () => {
    const counts = new Map<string, number>();
    for (const id of ids) {
      const variant = assignVariant(experiment(), id)!.id;
      counts.set(variant, (counts.get(variant) ?? 0) + 1);
    }
    const observed = ["control", "treatment", "bold"].map((id) => counts.get(id) ?? 0);
    expect(chiSquare(observed, [50_000, 30_000, 20_000])).toBeLessThan(CRITICAL_2_DF);
  });

  it("is deterministic: the same id always gets the same variant", () => {
    for (const id of ids.slice(0, 1000))
      expect(assignVariant(experiment(), id)?.id).toBe(assignVariant(experiment(), id)?.id);
  });

  it("keeps everyone already in on the same variant when traffic is ramped up", () => {
    const at20 = new Map(ids.map((id) => [id, assignVariant(experiment({ traffic: 0.2 }), id)?.id]));
    const at80 = new Map(ids.map((id) => [id, assignVariant(experiment({ traffic: 0.8 }), id)?.id]));
    let enrolled = 0;
    for (const [id, variant] of at20) {
      if (variant === undefined) continue;
      enrolled += 1;
      expect(at80.get(id)).toBe(variant);
    }
    expect(enrolled / ids.length).toBeCloseTo(0.2, 2);
    expect([...at80.values()].filter(Boolean).length / ids.length).toBeCloseTo(0.8, 2);
  });

  it("never puts a shopper in two experiments of one namespace with disjoint ranges", () => {
    const left = experiment({ key: "left", namespace: { name: "home", from: 0, to: 0.5 } });
    const right = experiment({ key: "right", namespace: { name: "home", from: 0.5, to: 1 } });
    let inLeft = 0;
    let inRight = 0;
    for (const id of ids) {
      const a = assignVariant(left, id);
      const b = assignVariant(right, id);
      expect(a !== undefined && b !== undefined).toBe(false);
      if (a) inLeft += 1;
      if (b) inRight += 1;
    }
    expect(inLeft + inRight).toBe(ids.length);
    expect(inLeft / ids.length).toBeCloseTo(0.5, 2);
  });

  it("holds out the configured share of shoppers", () => {
    const held = ids.filter((id) => inHoldout({ key: "program-2026", percent: 5 }, id)).length;
    expect(held / ids.length).toBeCloseTo(0.05, 2);
    expect(ids.some((id) => inHoldout(undefined, id))).toBe(false);
  });
});
