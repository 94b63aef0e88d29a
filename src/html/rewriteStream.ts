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
import { ChunkReader, FIRST_READ_BYTES, READ_BYTES } from "./ChunkReader";
import { Feed } from "./Feed";
import { relay } from "./relay";
import type { RewriteOptions } from "./RewriteOptions";

export { MAX_HELD_BYTES, type RewriteOptions } from "./RewriteOptions";

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
