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
 * The rewriter is handed a chunk only when it asks for one, so it has dealt
 * with the chunk before (and filled the slots in it) when that is decided.
 *
 * - A start tag is the only thing HTMLRewriter holds back while it reads, so
 *   the bytes fed in and not yet given back out are the tag it is holding
 *   (give or take a chunk). Past MAX_TAG_BYTES, feeding stops.
 * - Text elements it would refuse are found by RewriteWatch, which tokenizes
 *   a page only from where a <select> or <frameset> could begin.
 *
 * The cost, up to that point, is each chunk passing into and out of
 * JavaScript, in chunks as large as have arrived, and a search for "<" in each.
 *
 * A small page whose length the origin gave, and which is all there at the
 * first read, is searched whole before the rewriter starts. When nothing in
 * it could stop the rewriter, there is no rest to follow its output, and the
 * rewriter's own response goes to the browser: nothing passes out through
 * JavaScript. Reading first means HTMLRewriter may refuse a page whose body
 * was read from; UnrewrittenPage then carries that body, as it was sent.
 */
import { RewriteWatch } from "./RewriteWatch";

/** Bytes of one start tag HTMLRewriter may hold: well under its limit (3 MB). */
export const MAX_TAG_BYTES = 1024 * 1024;

export interface BoundedOptions {
  /** Bytes of one start tag the rewriter may hold before feeding stops. */
  readonly limit?: number;
  /** Whether the rewriter has nothing left to do: the rest of the page then streams on unread. */
  readonly finished?: () => boolean;
  /**
   * Told once the page has gone to the browser in full, has broken off or
   * has lost its reader; for a small page read whole, once the rewriter has
   * reached its end.
   */
  readonly onEnd?: () => void;
  /** Shown each chunk, in order, before the rewriter reads it. */
  readonly peek?: (chunk: Uint8Array) => void;
  /**
   * The body's length in bytes, when the origin said so. A page of up to
   * READ_BYTES that is all there at once is checked whole, and when nothing
   * in it could stop the rewriter, the rewriter's output is the response.
   */
  readonly length?: number | undefined;
}

/**
 * HTMLRewriter refused a page after its body had been read from: the body
 * as the origin sent it, so that the page can still be served as it was.
 * (Before the body is touched, the refusal itself is thrown.)
 */
export class UnrewrittenPage extends Error {
  constructor(
    readonly body: Uint8Array | ReadableStream<Uint8Array>,
    cause: unknown,
  ) {
    super("HTMLRewriter refused the page", { cause });
  }
}

/** `rewriter.transform(response)`, except that what HTMLRewriter cannot finish ends the rewriting, not the page. */
export async function boundedTransform(
  rewriter: HTMLRewriter,
  response: Response,
  options: BoundedOptions = {},
): Promise<Response> {
  const source = response.body;
  const { limit = MAX_TAG_BYTES, finished = () => false, onEnd = () => {}, peek = () => {}, length } = options;
  if (!source) {
    onEnd();
    return rewriter.transform(response);
  }
  const feed = new Feed(source, limit, finished, peek);
  // A page shorter than the tag limit cannot hold a tag over it.
  if (length !== undefined && length <= Math.min(READ_BYTES, limit)) {
    const whole = await feed.arrivedWhole(length);
    if (whole) {
      // Nothing can follow the rewriter's output: the runtime writes it straight to the browser.
      peek(whole);
      rewriter.onDocument({ end: onEnd });
      try {
        return rewriter.transform(new Response(whole, response));
      } catch (error) {
        throw new UnrewrittenPage(whole, error);
      }
    }
  }
  let rewritten: Response;
  try {
    // transform() throws here for an encoding HTMLRewriter cannot parse; the
    // caller then serves the page as it was.
    rewritten = rewriter.transform(new Response(feed.readable, response));
  } catch (error) {
    throw feed.touched ? new UnrewrittenPage(feed.untouched(), error) : error;
  }
  const output = new IdentityTransformStream();
  void splice(feed, rewritten.body as ReadableStream<Uint8Array>, output.writable).then(onEnd);
  return new Response(output.readable, rewritten);
}

/** Up to this much is read at once: the fewer chunks cross into JavaScript, the cheaper the copying. */
const READ_BYTES = 64 * 1024;
/**
 * The first read is smaller: a slot near the top of a page (below a 16 KiB
 * head and header, say) is then filled before much more of the page has
 * been handed to the rewriter, and the rest streams on unread.
 */
const FIRST_READ_BYTES = 16 * 1024;

interface ChunkReader {
  read(): Promise<Uint8Array | undefined>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

/**
 * Reads a body in chunks as large as are ready (a "bring your own buffer"
 * read returns what has arrived, up to `first` bytes the first time and
 * READ_BYTES after that, without waiting for more), or chunk by chunk when
 * the stream cannot be read that way.
 */
function chunksOf(body: ReadableStream<Uint8Array>, first = READ_BYTES): ChunkReader {
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
  let size = first;
  return {
    read: async () => {
      const buffer = new Uint8Array(size);
      size = READ_BYTES;
      const { value, done } = await reader.read(buffer);
      return done ? undefined : value;
    },
    cancel: (reason) => reader.cancel(reason),
    releaseLock: () => reader.releaseLock(),
  };
}

/**
 * The rewriter's input, a stream it pulls from: a chunk is handed over only
 * when the rewriter asks for one, once it has dealt with the one before, so
 * whether every slot is filled is known in time. The next chunk is read from
 * the origin meanwhile.
 */
class Feed {
  #readable: ReadableStream<Uint8Array> | undefined;
  /** Bytes handed to the rewriter. */
  fed = 0;
  /** Bytes the rewriter has given back (its insertions included). */
  emitted = 0;
  /** What was read and not handed over, when feeding stopped early. */
  rest: Uint8Array | undefined;
  /** Resolves once nothing more will be handed over. */
  readonly stopped: Promise<void>;
  #stop: () => void = () => {};
  #reader: ChunkReader | undefined;
  readonly #watch = new RewriteWatch();
  /** Where the watch would cut the first chunk, when it has been read and judged already. */
  #firstCut: number | undefined;
  /** The chunk after the one last handed over, being read. */
  #next: Promise<Uint8Array | undefined> | undefined;

  /**
   * Reads the first chunk now, before the rewriter asks: the whole body when
   * it is all of `length` bytes and nothing in it needs the rewriting
   * stopped, and undefined otherwise (the rewriter is then fed from it).
   */
  async arrivedWhole(length: number): Promise<Uint8Array | undefined> {
    // The whole page, up to READ_BYTES, in one read.
    this.#reader ??= chunksOf(this.source, READ_BYTES);
    const next = this.reader.read();
    this.#next = next;
    const chunk = await next.catch(() => undefined);
    if (chunk?.length !== length) return undefined;
    this.#firstCut = this.#watch.cutAt(chunk);
    if (this.#firstCut >= 0) return undefined;
    // All `length` bytes are in: the origin's body is done with.
    void this.reader.cancel().catch(() => {});
    return chunk;
  }

  /** Whether anything has been read from the origin's body. */
  get touched(): boolean {
    return this.#reader !== undefined;
  }

  /** The origin's body as it was sent, whatever has been read of it already. */
  untouched(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const next = this.#next ?? this.reader.read();
        this.#next = undefined;
        const chunk = await next;
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: (reason) => this.reader.cancel(reason),
    });
  }

  /** The origin's body, locked only once the rewriter first asks for it. */
  get reader(): ChunkReader {
    this.#reader ??= chunksOf(this.source, FIRST_READ_BYTES);
    return this.#reader;
  }

  constructor(
    readonly source: ReadableStream<Uint8Array>,
    private readonly limit: number,
    private readonly finished: () => boolean,
    private readonly peek: (chunk: Uint8Array) => void,
  ) {
    this.stopped = new Promise((resolve) => (this.#stop = resolve));
  }

  /** The stream the rewriter reads, made when first asked for (a page read whole needs none). */
  get readable(): ReadableStream<Uint8Array> {
    this.#readable ??= new ReadableStream<Uint8Array>(
      { pull: (controller) => this.#pull(controller), cancel: (reason) => this.#cancel(reason) },
      { highWaterMark: 0 },
    );
    return this.#readable;
  }

  async #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    const next = this.#next ?? this.reader.read();
    this.#next = undefined;
    let chunk: Uint8Array | undefined;
    try {
      chunk = await next;
    } catch (error) {
      // The origin broke off: pass that on, never a clean end.
      controller.error(error);
      this.#stop();
      return;
    }
    if (!chunk) {
      controller.close();
      this.#stop();
      return;
    }
    const judged = this.#firstCut;
    this.#firstCut = undefined;
    const cut = judged ?? (this.fed - this.emitted > this.limit || this.finished() ? 0 : this.#watch.cutAt(chunk));
    if (cut < 0) {
      this.fed += chunk.length;
      this.peek(chunk);
      controller.enqueue(chunk);
      this.#next = this.reader.read();
      // Its failure is met when the rewriter asks for it.
      this.#next.catch(() => {});
      return;
    }
    // A copy: an enqueued chunk's buffer may be handed over to the stream.
    this.rest = cut === 0 ? chunk : chunk.slice(cut);
    if (cut > 0) {
      this.peek(chunk.subarray(0, cut));
      controller.enqueue(chunk.subarray(0, cut));
    }
    controller.close();
    this.#stop();
  }

  async #cancel(reason: unknown): Promise<void> {
    this.#stop();
    await this.reader.cancel(reason);
  }
}

async function splice(
  feed: Feed,
  rewritten: ReadableStream<Uint8Array>,
  output: WritableStream<Uint8Array>,
): Promise<void> {
  // The runtime cannot pipe between these streams itself, so chunks are copied across.
  const writer = output.getWriter();
  const rewriting = chunksOf(rewritten);
  try {
    for (let chunk = await rewriting.read(); chunk; chunk = await rewriting.read()) {
      feed.emitted += chunk.length;
      await writer.write(chunk);
    }
    await feed.stopped;
    const { rest } = feed;
    if (!rest) return await writer.close();
    await writer.write(rest);
    // The rest goes from the origin to the browser inside the runtime.
    writer.releaseLock();
    feed.reader.releaseLock();
    await feed.source.pipeTo(output);
  } catch (error) {
    await Promise.allSettled([writer.abort(error), rewriting.cancel(error), feed.reader.cancel(error)]);
  }
}
