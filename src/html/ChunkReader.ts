/**
 * A body read in chunks of what has arrived, up to a size. Every read returns
 * as soon as there is anything: no read waits for more bytes than the origin
 * has sent.
 */

/** Up to this much is read at once: the fewer chunks cross into JavaScript, the cheaper the copying. */
export const READ_BYTES = 64 * 1024;
/**
 * The first read of a page is smaller, so a slot near the top is filled
 * before much more of it has been handed to the rewriter.
 */
export const FIRST_READ_BYTES = 16 * 1024;

/** "Bring your own buffer" reads, or chunk by chunk when the stream cannot be read that way. */
export class ChunkReader {
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
