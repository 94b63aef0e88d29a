/**
 * How the test origin sends a document's bytes, as chosen by the query:
 *
 *   type=<content-type>   the Content-Type (text/html; charset=utf-8 by default)
 *   chunk=<n>             n bytes per write, each after a turn of the event loop
 *   chunk=uneven          writes of uneven sizes (1, 2, 3, 5, 8, … bytes and
 *                         larger), so they cut tags and multibyte characters
 *   length                a Content-Length, whatever the writes
 *   coding=gzip|br        compressed with that Content-Encoding (the writes
 *                         then cut the compressed bytes)
 *   hold=<id>&first=<n>   the first n bytes at once (compressed with a flush,
 *                         so they can be read on their own), the rest only
 *                         once /__test/release/<id> is fetched
 */
import { type BrotliCompress, type Gzip, constants, createBrotliCompress, createGzip } from "node:zlib";

type Bytes = Uint8Array<ArrayBuffer>;

export const HTML_TYPE = "text/html; charset=utf-8";

/** Held bodies waiting for their release, by id. */
export const held = new Map<string, () => void>();

/** Sizes of uneven writes: small ones that cut everything, and a few large ones between. */
const UNEVEN = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 7, 4096, 11, 19, 8191, 6];

function writesOf(bytes: Bytes, chunk: string | null): Bytes[] {
  if (chunk === null) return [bytes];
  const sizes = chunk === "uneven" ? UNEVEN : [Math.max(1, Number(chunk) || bytes.byteLength)];
  const writes: Bytes[] = [];
  for (let offset = 0, i = 0; offset < bytes.byteLength; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    writes.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return writes;
}

/** Compresses `parts` one after another, flushing after each, so each part can be inflated on its own. */
async function compressed(coding: string, parts: readonly Uint8Array[]): Promise<Bytes[]> {
  // Quick settings: the tests need the encoding, not the smallest bytes.
  const stream: Gzip | BrotliCompress =
    coding === "br"
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : createGzip({ level: 4 });
  const flush = coding === "br" ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
  const out: Buffer[] = [];
  stream.on("data", (data: Buffer) => out.push(data));
  const ended = new Promise<void>((resolve) => stream.once("end", () => resolve()));
  const pieces: Bytes[] = [];
  for (const part of parts) {
    stream.write(part);
    await new Promise<void>((resolve) => stream.flush(flush, () => resolve()));
    pieces.push(new Uint8Array(Buffer.concat(out.splice(0))));
  }
  stream.end();
  await ended;
  const last = pieces.length - 1;
  pieces[last] = new Uint8Array(Buffer.concat([pieces[last] ?? new Uint8Array(0), ...out]));
  return pieces;
}

function join(parts: readonly Uint8Array[]): Bytes {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}

/** A body made of writes, each after a turn of the event loop; the held ones after their release. */
function bodyOf(before: readonly Bytes[], after: readonly Bytes[], hold: string | null): ReadableStream<Bytes> {
  return new ReadableStream<Bytes>({
    async start(controller) {
      for (const write of before) {
        await new Promise((resolve) => setImmediate(resolve));
        controller.enqueue(write);
      }
      if (hold !== null) await new Promise<void>((resolve) => held.set(hold, resolve));
      for (const write of after) {
        await new Promise((resolve) => setImmediate(resolve));
        controller.enqueue(write);
      }
      controller.close();
    },
  });
}

export async function deliver(bytes: Bytes, url: URL, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const query = url.searchParams;
  const coding = query.get("coding");
  const hold = query.get("hold");
  const first = hold === null ? bytes.byteLength : Math.min(bytes.byteLength, Number(query.get("first") ?? 1));
  const parts = [bytes.slice(0, first), bytes.slice(first)];
  const [head, tail] = coding ? await compressed(coding, parts) : parts;
  const headers: Record<string, string> = { "content-type": query.get("type") ?? HTML_TYPE, ...extraHeaders };
  if (coding) {
    headers["content-encoding"] = coding;
    // Miniflare compresses a body itself when the type is one Cloudflare would
    // compress; a spelling it does not list (HTTP types are case-insensitive) stops it.
    headers["content-type"] = (headers["content-type"] ?? HTML_TYPE).replace(/^text\/html/i, "Text/HTML");
  }
  const whole = join([head ?? new Uint8Array(0), tail ?? new Uint8Array(0)]);
  if (query.has("length")) headers["content-length"] = String(whole.byteLength);
  const chunk = query.get("chunk");
  if (hold === null && chunk === null) return new Response(whole, { headers });
  const before = hold === null ? writesOf(whole, chunk) : writesOf(head ?? new Uint8Array(0), chunk);
  const after = hold === null ? [] : writesOf(tail ?? new Uint8Array(0), chunk);
  return new Response(bodyOf(before, after, hold), { headers });
}
