/**
 * Variants of the rewrite floor that differ only in who carries the bytes
 * around HTMLRewriter, for `npm run bench:relay`. Recovering from a failed
 * rewrite needs JavaScript on both sides of the rewriter: on the way in, to
 * keep the bytes it has not given back yet; on the way out, to count what
 * came out. These variants price each side alone, with no bookkeeping at all,
 * reading as tact's relay does (BYOB reads into reused buffers).
 *
 *   VARIANT=floor    the rewriter reads the origin and writes to the browser, natively
 *   VARIANT=in       JavaScript copies the origin's body into the rewriter
 *   VARIANT=out      JavaScript copies the rewriter's output to the browser
 *   VARIANT=both     both: the least any recovering relay does
 */
import { AppendOnce } from "./AppendOnce";
import { slotFor } from "./fixedBlock";
import { forward } from "./forward";

type Env = { ORIGIN_URL: string; VARIANT: string };

/** As tact's ChunkReader: the first read small, then up to this much, into the last chunk's buffer. */
const FIRST_BYTES = 16 * 1024;
const READ_BYTES = 256 * 1024;

async function copy(source: ReadableStream<Uint8Array>, sink: WritableStream<Uint8Array>): Promise<void> {
  const reader = source.getReader({ mode: "byob" });
  const writer = sink.getWriter();
  let buffer = new ArrayBuffer(FIRST_BYTES);
  try {
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done || !value) break;
      await writer.write(value);
      buffer = value.buffer.byteLength >= READ_BYTES ? (value.buffer as ArrayBuffer) : new ArrayBuffer(READ_BYTES);
    }
    await writer.close();
  } catch (error) {
    await Promise.allSettled([writer.abort(error), reader.cancel(error)]);
  }
}

/** A stream of the runtime's own, filled from JavaScript. */
function copied(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const pipe = new IdentityTransformStream();
  void copy(source, pipe.writable);
  return pipe.readable;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const response = await forward(request, env.ORIGIN_URL);
    const selector = slotFor(new URL(request.url).pathname);
    const html = response.headers.get("content-type")?.startsWith("text/html") ?? false;
    if (!selector || !html || response.status !== 200 || !response.body) return response;
    const variant = env.VARIANT;
    const input = variant === "in" || variant === "both" ? copied(response.body) : response.body;
    const rewritten = new HTMLRewriter().on(selector, new AppendOnce()).transform(new Response(input, response));
    if ((variant !== "out" && variant !== "both") || !rewritten.body) return rewritten;
    return new Response(copied(rewritten.body), rewritten);
  },
} satisfies ExportedHandler<Env>;
