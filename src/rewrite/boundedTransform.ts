/**
 * HTMLRewriter gives up on some pages half-way: it fails the whole stream when
 * one start tag outgrows its memory limit (3 MB when a selector needs
 * attributes, as every slot's does: an inline data: image will do), and when
 * a text element such as <style>, <iframe> or <noscript> appears inside
 * <select> or after <frameset>, where a streaming parser cannot tell how a
 * browser would read it. Either way the page would stop in the middle.
 *
 * So the rewriter is fed by hand, and stops being fed just before either
 * case; at its end it passes an unfinished tag on as it was, and the rest of
 * the origin's body follows untouched. The page is complete, and slots after
 * that point stay as they were. An origin body that breaks off still breaks
 * the page off.
 *
 * Feeding also stops once the caller says the rewriter is finished (every
 * slot filled): the rest of the page then goes from the origin's body to the
 * browser inside the runtime, neither parsed nor copied through JavaScript.
 *
 * - A start tag is the only thing HTMLRewriter holds back while it reads, so
 *   the bytes fed in and not yet given back out are the tag it is holding
 *   (give or take a chunk). Past MAX_TAG_BYTES, feeding stops.
 * - Text elements it would refuse are found by RewriteWatch, which tokenizes
 *   a page only from where a <select> or <frameset> could begin.
 *
 * The cost, up to that point, is one copy of each chunk in and one out through
 * JavaScript, in chunks as large as have arrived, and a search for "<" in each.
 */
import { RewriteWatch } from "./RewriteWatch";

/** Bytes of one start tag HTMLRewriter may hold: well under its limit (3 MB). */
export const MAX_TAG_BYTES = 1024 * 1024;

export interface BoundedOptions {
  /** Bytes of one start tag the rewriter may hold before feeding stops. */
  readonly limit?: number;
  /** Whether the rewriter has nothing left to do: the rest of the page then streams on unread. */
  readonly finished?: () => boolean;
  /** Told once the page has gone to the browser in full, or has broken off. */
  readonly onEnd?: () => void;
}

/** `rewriter.transform(response)`, except that what HTMLRewriter cannot finish ends the rewriting, not the page. */
export function boundedTransform(rewriter: HTMLRewriter, response: Response, options: BoundedOptions = {}): Response {
  const source = response.body;
  const { limit = MAX_TAG_BYTES, finished = () => false, onEnd = () => {} } = options;
  if (!source) {
    onEnd();
    return rewriter.transform(response);
  }
  // The runtime's own byte streams: JavaScript streams would cost more than the rewriting.
  const feed = new IdentityTransformStream();
  // transform() throws here, before the origin's body is touched, for an
  // encoding HTMLRewriter cannot parse; the caller then serves the page as is.
  const rewritten = rewriter.transform(new Response(feed.readable, response));
  const output = new IdentityTransformStream();
  void splice(
    source,
    feed.writable,
    rewritten.body as ReadableStream<Uint8Array>,
    output.writable,
    limit,
    finished,
  ).then(onEnd);
  return new Response(output.readable, rewritten);
}

/** Up to this much is read at once: the fewer chunks cross into JavaScript, the cheaper the copying. */
const READ_BYTES = 64 * 1024;

interface ChunkReader {
  read(): Promise<Uint8Array | undefined>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

/**
 * Reads a body in chunks as large as are ready (a "bring your own buffer"
 * read returns what has arrived, up to READ_BYTES, without waiting for more),
 * or chunk by chunk when the stream cannot be read that way.
 */
function chunksOf(body: ReadableStream<Uint8Array>): ChunkReader {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = body.getReader({ mode: "byob" });
  } catch {
    const plain = body.getReader();
    return {
      read: async () => (await plain.read()).value,
      cancel: (reason) => plain.cancel(reason),
      releaseLock: () => plain.releaseLock(),
    };
  }
  const reader = byob;
  return {
    read: async () => {
      const { value, done } = await reader.read(new Uint8Array(READ_BYTES));
      return done ? undefined : value;
    },
    cancel: (reason) => reader.cancel(reason),
    releaseLock: () => reader.releaseLock(),
  };
}

async function splice(
  source: ReadableStream<Uint8Array>,
  feed: WritableStream<Uint8Array>,
  rewritten: ReadableStream<Uint8Array>,
  output: WritableStream<Uint8Array>,
  limit: number,
  finished: () => boolean,
): Promise<void> {
  const reader = chunksOf(source);
  /** Bytes given to the rewriter, and bytes it has given back (its insertions included). */
  let fed = 0;
  let emitted = 0;
  let rest: Uint8Array | undefined;
  const feeding = (async () => {
    const writer = feed.getWriter();
    const watch = new RewriteWatch();
    try {
      for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
        if (fed - emitted > limit || finished()) {
          rest = chunk;
          break;
        }
        const cut = watch.cutAt(chunk);
        if (cut < 0) {
          fed += chunk.length;
          await writer.write(chunk);
          continue;
        }
        // A copy: a written chunk's buffer may be handed over to the stream.
        rest = chunk.slice(cut);
        if (cut > 0) await writer.write(chunk.subarray(0, cut));
        break;
      }
      await writer.close();
    } catch (error) {
      // The origin broke off (or the browser went away): pass that on, never a clean end.
      await Promise.allSettled([writer.abort(error), reader.cancel(error)]);
    }
  })();

  // The runtime cannot pipe between these streams itself, so chunks are copied across.
  const writer = output.getWriter();
  const rewriting = chunksOf(rewritten);
  try {
    for (let chunk = await rewriting.read(); chunk; chunk = await rewriting.read()) {
      emitted += chunk.length;
      await writer.write(chunk);
    }
    await feeding;
    if (!rest) return await writer.close();
    await writer.write(rest);
    // The rest goes from the origin to the browser inside the runtime.
    writer.releaseLock();
    reader.releaseLock();
    await source.pipeTo(output);
  } catch (error) {
    await Promise.allSettled([writer.abort(error), rewriting.cancel(error), reader.cancel(error), feeding]);
  }
}
