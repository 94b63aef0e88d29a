/**
 * `rewriter.transform(response)`, except that whatever HTMLRewriter does,
 * the page comes out whole. HTMLRewriter may give up half-way through a
 * page for reasons no one can list in advance (its memory limit on a deeply
 * nested page, a text element where a streaming parser cannot tell how a
 * browser would read it, a tag of megabytes, a fault of its own); tact does
 * not try to predict them. It recovers instead:
 *
 * - tact's rewriter only inserts blocks, so its output is the page's bytes
 *   with the blocks among them; InsertionLedger knows which blocks are out,
 *   so the output's length less theirs is exactly how much of the page is;
 * - the chunks handed to the rewriter are kept until they are known to be
 *   out (at most what it holds: a tag being read, the chunk in hand);
 * - when the rewriting stops, for any reason, the page goes on from the
 *   first byte that has not come out: the kept bytes from there, then the
 *   rest of the origin's body, untouched, passed on inside the runtime.
 *
 * Nothing of the origin's is lost or repeated, and a block is either in the
 * page whole or not at all. An origin that breaks off still breaks the page
 * off: that is the origin's word, not a fault to hide.
 *
 * Feeding stops on purpose too: once every slot is filled (the rest of the
 * page needs no parsing), when a chunk is refused by `admit` (a page whose
 * bytes turn out not to be in an encoding tact can insert into), and when
 * the rewriter holds more than MAX_HELD_BYTES (one start tag of megabytes).
 * The rewriter is handed a chunk only when it asks for one, so it has dealt
 * with the chunk before when that is decided. Every chunk goes on as soon as
 * it has arrived: no read waits for more bytes than the origin has sent.
 */
import { describeError, log } from "../edges/log";
import type { InsertionLedger } from "./InsertionLedger";

/** Bytes the rewriter may hold back (a start tag being read) before feeding stops. */
export const MAX_HELD_BYTES = 1024 * 1024;

export interface RewriteOptions {
  /** Records the blocks the rewriter's handlers insert. */
  readonly ledger: InsertionLedger;
  /** Whether the rewriter has nothing left to do: the rest of the page then streams on unread. */
  readonly finished?: () => boolean;
  /** Shown each chunk, in order, before the rewriter reads it; false ends the rewriting before it. */
  readonly admit?: (chunk: Uint8Array) => boolean;
  /** Told once the rewriting is over: every block that will be in the page is in it. */
  readonly onSettled?: () => void;
  /** Bytes the rewriter may hold back before feeding stops; MAX_HELD_BYTES by default. */
  readonly limit?: number;
  /**
   * The body's length, when the origin said so and the runtime hands the
   * body on as sent; with `whole`, a page of up to READ_BYTES that has all
   * arrived at the first read is rewritten in one go.
   */
  readonly length?: number | undefined;
  /** No handler will wait for anything: the page can be rewritten in one go. */
  readonly whole?: boolean;
}

/** Why feeding the rewriter stopped before the end of the page. */
type Stop = "finished" | "refused" | "held" | "origin-error";

/** Up to this much is read at once: the fewer chunks cross into JavaScript, the cheaper the copying. */
const READ_BYTES = 64 * 1024;
/**
 * The first read is smaller, so a slot near the top of a page is filled
 * before much more of it has been handed to the rewriter. Either is only an
 * upper bound: a read returns whatever has arrived.
 */
const FIRST_READ_BYTES = 16 * 1024;

export async function rewriteStream(
  rewriter: HTMLRewriter,
  response: Response,
  options: RewriteOptions,
): Promise<Response> {
  const source = response.body;
  const settled = options.onSettled ?? (() => {});
  if (!source) {
    settled();
    return response;
  }
  const { length, whole } = options;
  const small = whole === true && length !== undefined && length <= READ_BYTES;
  const reader = new ChunkReader(source, small ? READ_BYTES : FIRST_READ_BYTES);
  let first: Promise<Uint8Array | undefined> | undefined;
  if (small) {
    first = reader.read();
    const chunk = await first.catch(() => undefined);
    if (chunk?.byteLength === length) return rewriteWhole(rewriter, chunk, response, options);
  }
  // The rewriter reads a stream of the runtime's own, not one made in
  // JavaScript: when it fails, a JavaScript stream's pump would leave the
  // runtime an unhandled rejection to report.
  const input = new IdentityTransformStream();
  let rewritten: ReadableStream<Uint8Array>;
  try {
    rewritten = rewriter.transform(new Response(input.readable, response)).body as ReadableStream<Uint8Array>;
  } catch (error) {
    // Refused before reading a byte (an encoding it cannot parse): the page as it is.
    log.warn("page.rewrite-recovered", { cause: describeError(error), at: 0 });
    settled();
    return first ? new Response(untouched(first, reader), response) : response;
  }
  const feed = new Feed(source, reader, first, input.writable, options);
  const output = new IdentityTransformStream();
  void relay(feed, rewritten, output.writable, options, settled);
  return new Response(output.readable, response);
}

/**
 * A small page that has all arrived, rewritten in one go: nothing passes
 * through JavaScript chunk by chunk, and nothing goes out before the
 * rewriting is done, so if it fails the page goes out as it came.
 */
async function rewriteWhole(
  rewriter: HTMLRewriter,
  page: Uint8Array,
  response: Response,
  options: RewriteOptions,
): Promise<Response> {
  const settled = options.onSettled ?? (() => {});
  if (options.admit && !options.admit(page)) {
    settled();
    return new Response(page, response);
  }
  try {
    const rewritten = await rewriter.transform(new Response(page, response)).arrayBuffer();
    options.ledger.allOut();
    settled();
    return new Response(rewritten, response);
  } catch (error) {
    log.warn("page.rewrite-recovered", { cause: describeError(error), at: 0, fed: page.byteLength });
    settled();
    return new Response(page, response);
  }
}

/** The origin's body as it was sent: the chunk already read, then the rest. */
function untouched(first: Promise<Uint8Array | undefined>, reader: ChunkReader): ReadableStream<Uint8Array> {
  let next: Promise<Uint8Array | undefined> | undefined = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await (next ?? reader.read());
      next = undefined;
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * A body read in chunks of what has arrived, up to a size ("bring your own
 * buffer" reads), or chunk by chunk when the stream cannot be read that way.
 */
class ChunkReader {
  readonly #reader:
    | { readonly byob: true; readonly reader: ReadableStreamBYOBReader }
    | { readonly byob: false; readonly reader: ReadableStreamDefaultReader<Uint8Array> };
  #size: number;

  constructor(body: ReadableStream<Uint8Array>, first = READ_BYTES) {
    this.#size = first;
    try {
      this.#reader = { byob: true, reader: body.getReader({ mode: "byob" }) };
    } catch {
      this.#reader = { byob: false, reader: body.getReader() };
    }
  }

  /** The next chunk; `reuse` is a buffer the caller is done with, to read into instead of a new one. */
  async read(reuse?: ArrayBuffer): Promise<Uint8Array | undefined> {
    const held = this.#reader;
    if (!held.byob) return (await held.reader.read()).value;
    const buffer = reuse && reuse.byteLength >= this.#size ? new Uint8Array(reuse) : new Uint8Array(this.#size);
    this.#size = READ_BYTES;
    const { value, done } = await held.reader.read(buffer);
    return done ? undefined : value;
  }

  cancel(reason?: unknown): Promise<void> {
    return this.#reader.reader.cancel(reason);
  }

  releaseLock(): void {
    this.#reader.reader.releaseLock();
  }
}

/**
 * Hands the origin's body to the rewriter chunk by chunk, and keeps what it
 * hands over until the output shows it is out.
 *
 * Once every slot is filled nothing more is handed over; the relay then
 * stops the rewriter at once, wherever it is (see relay).
 */
class Feed {
  /** Bytes handed to the rewriter (or being handed). */
  fed = 0;
  /** Why feeding stopped before the page's end, if it did. */
  stopped: Stop | undefined;
  originError: unknown;
  /** The origin's body has ended, and all of it was read. */
  sourceDone = false;
  /** Bytes read from the origin and not handed over. */
  unsent: Uint8Array | undefined;
  /** Settles once feeding is over, for whatever reason. */
  readonly done: Promise<void>;
  /** Bytes of the page known to be out of the rewriter. */
  #out = 0;
  /** Chunks handed over and not known to be out, from offset #keptFrom. */
  readonly #kept: Uint8Array[] = [];
  readonly #keptLengths: number[] = [];
  #keptFrom = 0;
  #halted = false;
  #closed = false;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;

  constructor(
    readonly source: ReadableStream<Uint8Array>,
    readonly reader: ChunkReader,
    /** The first chunk, when it was read already. */
    first: Promise<Uint8Array | undefined> | undefined,
    input: WritableStream<Uint8Array>,
    private readonly options: RewriteOptions,
  ) {
    this.#writer = input.getWriter();
    this.done = this.#run(first);
  }

  /** Stops feeding (the rewriting is over): whatever is being handed over is not. */
  halt(): Promise<void> {
    this.#halted = true;
    if (!this.#closed) void this.#writer.abort(new Error("rewriting over")).catch(() => {});
    return this.done;
  }

  /** Tells the rewriter the page ends here. */
  #close(): void {
    this.#closed = true;
    void this.#writer.close().catch(() => {});
  }

  async #run(first: Promise<Uint8Array | undefined> | undefined): Promise<void> {
    for (let next = first; ; next = undefined) {
      let chunk: Uint8Array | undefined;
      try {
        chunk = await (next ?? this.reader.read());
      } catch (error) {
        if (this.#halted) return;
        // The origin broke off: the rewriter fails with its error, and so does the page.
        this.originError = error;
        this.stopped = "origin-error";
        return void (await this.#writer.abort(error).catch(() => {}));
      }
      if (!chunk) {
        this.sourceDone = true;
        return this.#close();
      }
      if (this.#halted) {
        this.unsent = chunk;
        return;
      }
      if (!(await this.#hand(chunk))) return;
    }
  }

  /** Hands one chunk over; false once feeding has stopped, what was not handed over left in `unsent`. */
  async #hand(chunk: Uint8Array): Promise<boolean> {
    const stop = this.#halted ? "halted" : this.#stopBefore(chunk);
    if (stop) {
      this.unsent = chunk;
      if (stop !== "halted") {
        this.stopped = stop;
        this.#close();
      }
      return false;
    }
    return this.#wrote(chunk);
  }

  /** Hands bytes over; false when the rewriter will take no more (it failed, or the rewriting is over). */
  async #wrote(bytes: Uint8Array): Promise<boolean> {
    this.#kept.push(bytes);
    this.#keptLengths.push(bytes.byteLength);
    this.fed += bytes.byteLength;
    try {
      await this.#writer.write(bytes);
      return true;
    } catch {
      return false;
    }
  }

  #stopBefore(chunk: Uint8Array): Stop | undefined {
    const { finished, admit, limit = MAX_HELD_BYTES } = this.options;
    if (finished?.()) return "finished";
    if (this.fed - this.#out > limit) return "held";
    if (admit && !admit(chunk)) return "refused";
    return undefined;
  }

  /** The output has reached page offset `at`: chunks wholly before it are no longer needed. */
  release(at: number): void {
    this.#out = at;
    while (this.#kept.length > 0 && this.#keptFrom + (this.#keptLengths[0] ?? 0) <= at) {
      this.#keptFrom += this.#keptLengths.shift() ?? 0;
      this.#kept.shift();
    }
  }

  /** What was handed over from page offset `at` on; undefined if a kept chunk was taken over by the runtime. */
  keptFrom(at: number): Uint8Array[] | undefined {
    if (at < this.#keptFrom) return undefined;
    const pieces: Uint8Array[] = [];
    let offset = this.#keptFrom;
    for (const [index, chunk] of this.#kept.entries()) {
      if (chunk.byteLength !== this.#keptLengths[index]) return undefined;
      const end = offset + chunk.byteLength;
      if (end > at) pieces.push(offset >= at ? chunk : chunk.subarray(at - offset));
      offset = end;
    }
    return pieces;
  }
}

/**
 * Copies the rewriter's output to the browser (the runtime cannot pipe one
 * transform's output into another stream), then whatever of the page did
 * not come out of it, from the exact byte where it stopped. When the origin
 * breaks off, its error goes on to the browser, so the page does not look
 * complete; when the browser goes away, everything stops.
 */
async function relay(
  feed: Feed,
  rewritten: ReadableStream<Uint8Array>,
  writable: WritableStream<Uint8Array>,
  { ledger, finished = () => false }: RewriteOptions,
  settled: () => void,
): Promise<void> {
  const writer = writable.getWriter();
  // Read in large pieces: the runtime would otherwise hand the output over 4 KiB at a time.
  const output = new ChunkReader(rewritten);
  const abandon = async (error: unknown = new Error("the browser went away")): Promise<void> => {
    settled();
    await Promise.allSettled([writer.abort(error), output.cancel(error), feed.reader.cancel(error), feed.halt()]);
  };
  let out = 0;
  /** The last chunk's buffer, read into again once the browser's side has taken its bytes. */
  let spare: ArrayBuffer | undefined;
  let failure: unknown;
  for (;;) {
    let chunk: Uint8Array | undefined;
    try {
      chunk = await output.read(spare);
    } catch (error) {
      failure = error;
      break;
    }
    if (!chunk) break;
    const kept = ledger.read(chunk);
    out += chunk.byteLength;
    // A block not found yet may be in the output already: keep enough of the page for either.
    feed.release(out - ledger.outBytes - ledger.pendingBytes);
    if (!(await written(writer, chunk))) return abandon();
    spare = kept ? undefined : (chunk.buffer as ArrayBuffer);
    if (finished() && ledger.pending === 0) {
      // Every slot is filled and its block is out: the rest of the page needs no parsing.
      feed.stopped ??= "finished";
      await output.cancel();
      break;
    }
  }
  await feed.halt();
  if (feed.originError !== undefined) return abandon(feed.originError);
  ledger.search();
  const rest = ledger.finishCutBlock();
  if (rest) {
    out += rest.byteLength;
    if (!(await written(writer, rest))) return abandon();
  }
  settled();
  const at = out - ledger.outBytes;
  const expected = feed.stopped === "finished" || (feed.stopped === undefined && at === feed.fed);
  if (failure !== undefined || !expected) {
    log.warn("page.rewrite-recovered", {
      cause: failure !== undefined ? describeError(failure) : (feed.stopped ?? "output ended early"),
      at,
      fed: feed.fed,
    });
  }
  await passOn(feed, at, writer, writable);
}

/** Writes a chunk to the browser; false when the browser has gone. */
async function written(writer: WritableStreamDefaultWriter<Uint8Array>, chunk: Uint8Array): Promise<boolean> {
  try {
    await writer.write(chunk);
    return true;
  } catch {
    return false;
  }
}

/** The page from offset `at` on, as the origin sends it. */
async function passOn(
  feed: Feed,
  at: number,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  writable: WritableStream<Uint8Array>,
): Promise<void> {
  const kept = feed.keptFrom(at);
  if (!kept) {
    // The bytes to go on from are no longer to be had: the page must not look complete.
    log.error("page.rewrite-lost", { at, fed: feed.fed });
    return void (await Promise.allSettled([writer.abort(new Error("page lost")), feed.reader.cancel()]));
  }
  try {
    for (const piece of kept) await writer.write(piece);
    if (feed.unsent) await writer.write(feed.unsent);
  } catch (error) {
    return void (await Promise.allSettled([writer.abort(error), feed.reader.cancel(error)]));
  }
  if (feed.sourceDone) return void (await writer.close().catch(() => {}));
  // The rest goes from the origin to the browser inside the runtime.
  writer.releaseLock();
  feed.reader.releaseLock();
  await feed.source.pipeTo(writable).catch(() => {});
}
