/**
 * One load run: autocannon at a fixed concurrency against one URL, for a
 * duration or a number of requests, with fixed headers or a mix of requests.
 * Latencies are taken from each response (autocannon's own histogram rounds
 * to whole milliseconds, too coarse for a 1 ms budget), throughput from the
 * successful responses over the wall time. The bench and the load run both
 * drive their Workers through it.
 */
import autocannon, { type Request } from "autocannon";
import { quantile } from "./statistics";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly headers?: Record<string, string>;
  /** A mix to cycle through instead of plain GETs of `url`. */
  readonly requests?: Request[];
  /** Run for this long, or until `amount` responses (whichever is given). */
  readonly seconds?: number;
  readonly amount?: number;
  /** Called after each response, with how many have come. */
  readonly onAnswer?: (answers: number) => void;
}

export interface LoadResult {
  /** Every answer, whatever its status. */
  readonly answers: number;
  /** 2xx answers: the ones the latencies and throughput are of. */
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** The slowest 2xx answer; −Infinity with none. */
  readonly max: number;
  /** Non-2xx answers, socket errors and timeouts. */
  readonly failures: number;
  readonly errors: number;
  readonly timeouts: number;
}

export function loadRun(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let answers = 0;
    let non2xx = 0;
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        timeout: 30,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.requests ? { requests: options.requests } : {}),
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          answers,
          requests: latencies.length,
          seconds,
          rps: latencies.length / seconds,
          p50: quantile(latencies, 0.5),
          p90: quantile(latencies, 0.9),
          p99: quantile(latencies, 0.99),
          max: latencies.reduce((most, ms) => Math.max(most, ms), Number.NEGATIVE_INFINITY),
          failures: non2xx + result.errors + result.timeouts,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      answers += 1;
      if (status >= 200 && status < 300) latencies.push(ms);
      else non2xx += 1;
      options.onAnswer?.(answers);
    });
  });
}
