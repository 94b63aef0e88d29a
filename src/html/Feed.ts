import type { ChunkReader } from "./ChunkReader";
import { MAX_HELD_BYTES, type RewriteOptions, type Stop } from "./RewriteOptions";

/**
 * Hands the origin's body to the rewriter chunk by chunk, and keeps what it
 * hands over until the output shows it is out.
 *
 * Once every slot is filled nothing more is handed over; the relay then
 * stops the rewriter at once, wherever it is (see relay).
 */
export class Feed {
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
