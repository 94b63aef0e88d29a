/**
 * The resident memory of tact's workerd during a load run, and what the
 * samples say about growth.
 */
import { residentBytes } from "../shared/procStats";
import { type WorkerdProcesses, findWorkerd } from "./findWorkerd";

export interface Memory {
  readonly samples: { done: number; worker: number; proxy: number | undefined }[];
  /** Records the memory now, after `done` answers. */
  take(done: number): void;
  /** Records the memory every 250 answers. */
  tick(done: number): void;
  /** Whether tact's workerd was replaced during the run (wrangler reloads it when a source file changes). */
  restarted(): boolean;
}

/**
 * The memory of tact's workerd, sampled as the run goes: every 250 answers,
 * and whenever asked. (Sampled on progress rather than on a timer, which a
 * busy load loop can starve.)
 */
export function sampleMemory(processes: WorkerdProcesses["tact"]): Memory {
  const samples: Memory["samples"] = [];
  let current = processes;
  let replaced = false;
  const take = (done: number) => {
    let worker = residentBytes(current.worker);
    if (worker === undefined && current.worker.length > 0) {
      // The process is gone: a new one is a different isolate, whose memory says nothing of this run's.
      current = findWorkerd().tact;
      replaced = true;
      worker = residentBytes(current.worker);
    }
    if (worker !== undefined) samples.push({ done, worker, proxy: residentBytes(current.proxy) });
  };
  return { samples, take, tick: (done) => done % 250 === 0 && take(done), restarted: () => replaced };
}

export interface MemorySummary {
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly max: number | undefined;
  /** The worker's memory at 25, 50 and 75 % of the run. */
  readonly quarters: readonly (number | undefined)[];
  /** Growth from a quarter of the way in to the end. */
  readonly growth: number | undefined;
  readonly proxy: readonly [number | undefined, number | undefined];
  readonly count: number;
  readonly restarted: boolean;
}

export function summarizeMemory(memory: Memory, requests: number): MemorySummary {
  const samples = memory.samples;
  const at = (fraction: number) => samples.find((sample) => sample.done >= requests * fraction)?.worker;
  const end = samples.at(-1)?.worker;
  // The heap sizes itself to the load in the first stretch; a leak keeps growing after that.
  const settledIn = at(0.25);
  return {
    start: samples[0]?.worker,
    end,
    max: samples.reduce((most, sample) => Math.max(most, sample.worker), 0) || undefined,
    quarters: [at(0.25), at(0.5), at(0.75)],
    growth: settledIn !== undefined && end !== undefined ? end - settledIn : undefined,
    proxy: [samples[0]?.proxy, samples.at(-1)?.proxy],
    count: samples.length,
    restarted: memory.restarted(),
  };
}
