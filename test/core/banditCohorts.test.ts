import { describe, expect, it } from "vitest";
import { type CompiledExperiment, assignVariant } from "../../src/core/decide/assign";
import { bucket } from "../../src/core/decide/bucket";
import { EPOCH_LEAD_SECONDS, type BanditPlan, nextWeights } from "../../src/core/decide/nextWeights";
import { mulberry32 } from "../../src/core/decide/seededRandom";
import { MAX_EPOCHS, NO_BANDIT_WEIGHTS, type BanditWeights } from "../../src/core/ruleset/BanditWeights";

const T0 = 1_796_000_000;

function bandit(epochs: { from: number; shares: number[] }[]): CompiledExperiment {
  return {
    key: "home-test",
    traffic: 1,
    variants: [
      { id: "control", share: 0.5, control: "nothing", change: undefined },
      { id: "treatment", share: 0.5, control: undefined, change: {} },
    ],
    namespace: undefined,
    bandit: { metric: "click", floor: 0.05, epochs },
  };
}

/** Ids whose variant point lies in [from, to). */
function idsBetween(from: number, to: number, count: number): string[] {
  const found: string[] = [];
  for (let n = 0; found.length < count; n++) {
    const id = `S${String(n).padStart(21, "0")}`;
    const point = bucket("variant:home-test:", id);
    if (point >= from && point < to) found.push(id);
  }
  return found;
}

describe("bandit cohorts", () => {
  it("places a shopper with the shares in force when tact first saw them, and never moves them", () => {
    const [id] = idsBetween(0.2, 0.5, 1) as [string];
    const before = bandit([]);
    const after = bandit([{ from: T0, shares: [0.1, 0.9] }]);
    // Seen before the reweighting: the written 50/50, before and after it.
    expect(assignVariant(before, id, T0 - 3600)?.id).toBe("control");
    expect(assignVariant(after, id, T0 - 3600)?.id).toBe("control");
    // Seen from the epoch on: its 10/90, so the same point is now in the treatment.
    expect(assignVariant(after, id, T0 + 60)).toMatchObject({ id: "treatment", share: 0.9 });
    // A later epoch leaves that cohort where it was.
    const later = bandit([
      { from: T0, shares: [0.1, 0.9] },
      { from: T0 + 86_400, shares: [0.6, 0.4] },
    ]);
    expect(assignVariant(later, id, T0 + 60)?.id).toBe("treatment");
    expect(assignVariant(later, id, T0 + 90_000)?.id).toBe("control");
  });

  it("fills a cohort in its shares", () => {
    const experiment = bandit([{ from: T0, shares: [0.2, 0.8] }]);
    const ids = idsBetween(0, 1, 20_000);
    const treated = ids.filter((id) => assignVariant(experiment, id, T0 + 1)?.id === "treatment").length;
    expect(Math.abs(treated / ids.length - 0.8)).toBeLessThan(0.015);
  });
});

describe("a reweighting", () => {
  const plan: BanditPlan = {
    key: "home-test",
    variants: ["control", "treatment"],
    metric: "click",
    floor: 0.1,
    written: [0.5, 0.5],
  };
  const clearWinner = [
    { trials: 3000, successes: 90 },
    { trials: 3000, successes: 180 },
  ];

  it("appends an epoch that starts after the edges have read it, with the floor kept", () => {
    const next = nextWeights(NO_BANDIT_WEIGHTS, plan, clearWinner, { now: T0, random: mulberry32(1) });
    expect(next.outcome).toBe("appended");
    expect(next.weights.experiments["home-test"]?.epochs).toEqual([
      { from: T0 + EPOCH_LEAD_SECONDS, weights: { control: 0.1, treatment: 0.9 } },
    ]);
  });

  it("writes nothing when the shares hardly moved, or when the epochs are full", () => {
    const once = nextWeights(NO_BANDIT_WEIGHTS, plan, clearWinner, { now: T0, random: mulberry32(1) });
    const twice = nextWeights(once.weights, plan, clearWinner, { now: T0 + 21_600, random: mulberry32(2) });
    expect(twice.outcome).toBe("unchanged");
    expect(twice.weights).toBe(once.weights);
    const full: BanditWeights = {
      version: 1,
      experiments: {
        "home-test": {
          epochs: Array.from({ length: MAX_EPOCHS }, (_, n) => ({
            from: T0 + n,
            weights: { control: 0.5, treatment: 0.5 },
          })),
        },
      },
    };
    expect(nextWeights(full, plan, clearWinner, { now: T0, random: mulberry32(3) }).outcome).toBe("full");
  });
});
