/**
 * One load run: autocannon at a fixed concurrency against one URL, for a
 * duration or a number of requests. Latencies are taken from each response
 * (autocannon's own histogram rounds to whole milliseconds, too coarse for a
 * 1 ms budget), throughput from the responses over the wall time.
 */
import autocannon from "autocannon";
import { quantile } from "../../tools/shared/statistics";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly headers: Record<string, string>;
  /** Run for this long, or until `amount` responses (whichever is given). */
  readonly seconds?: number;
  readonly amount?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Non-2xx answers, socket errors and timeouts. */
  readonly failures: number;
}

export function loadRun(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let failures = 0;
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        headers: options.headers,
        timeout: 30,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        failures += result.errors + result.timeouts;
        resolve({
          requests: latencies.length,
          seconds,
          rps: latencies.length / seconds,
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          failures,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failures += 1;
    });
  });
}
