import { describeError, log } from "../edges/log";
import { ChunkReader } from "./ChunkReader";
import type { Feed } from "./Feed";
import type { RewriteOptions } from "./RewriteOptions";

/**
 * Copies the rewriter's output to the browser (the runtime cannot pipe one
 * transform's output into another stream), then whatever of the page did
 * not come out of it, from the exact byte where it stopped. When the origin
 * breaks off, its error goes on to the browser, so the page does not look
 * complete; when the browser goes away, everything stops.
 */
export async function relay(
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
