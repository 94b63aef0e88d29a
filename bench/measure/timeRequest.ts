/**
 * One request, timed the way a browser feels it: from sending the request to
 * the first chunk of the body (time to first byte), and to the last. With
 * `firstChunkOnly` the connection is dropped once the first chunk is in, so a
 * slow page costs one round trip rather than its whole second.
 */
import { type Agent, request } from "node:http";

const TIMEOUT_MS = 30_000;

export interface Timing {
  readonly status: number;
  readonly firstByteMs: number;
  /** Undefined when only the first chunk was read. */
  readonly totalMs: number | undefined;
  readonly bytes: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, when asked for. */
  readonly body: Buffer | undefined;
}

export interface TimingOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly agent: Agent | false;
  readonly firstChunkOnly?: boolean;
  readonly keepBody?: boolean;
}

export function timeRequest(options: TimingOptions): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
    const req = request(options.url, { headers: options.headers, agent: options.agent }, (res) => {
      let firstByteMs: number | undefined;
      let bytes = 0;
      const chunks: Buffer[] = [];
      const done = (totalMs: number | undefined): void =>
        resolve({
          status: res.statusCode ?? 0,
          firstByteMs: firstByteMs ?? elapsed(),
          totalMs,
          bytes,
          headers: res.headers,
          body: options.keepBody ? Buffer.concat(chunks) : undefined,
        });
      res.on("data", (chunk: Buffer) => {
        firstByteMs ??= elapsed();
        bytes += chunk.length;
        if (options.keepBody) chunks.push(chunk);
        if (options.firstChunkOnly) {
          req.destroy();
          done(undefined);
        }
      });
      res.on("end", () => done(elapsed()));
      res.on("error", (error) => (options.firstChunkOnly ? undefined : reject(error)));
    });
    req.on("error", (error) => (options.firstChunkOnly && req.destroyed ? undefined : reject(error)));
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer from ${options.url} within ${TIMEOUT_MS} ms`)));
    req.end();
  });
}
