/**
 * HTMLRewriter gives up on some pages half-way: it fails the whole stream when
 * one start tag outgrows its memory limit (about 3 MB when a selector needs
 * attributes, as every slot's does: an inline data: image will do), and when
 * a text element such as <style>, <iframe> or <noscript> appears inside
 * <select> or after <frameset>, where a streaming parser cannot tell how a
 * browser would read it. Either way the page would stop in the middle.
 *
 * So the bytes going in are watched by a rough tokenizer. Just before either
 * case, the rewriter gets no more input (at its end it passes an unfinished
 * tag on as it was) and the rest of the origin's body follows untouched: the
 * page is complete, and slots after that point stay as they were. The
 * tokenizer errs on the side of stopping early; it never changes a byte.
 * An origin body that breaks off still breaks the page off.
 */

/** Well under HTMLRewriter's limit for one tag. */
export const MAX_TAG_BYTES = 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const EQ = 0x3d;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const DOUBLE = 0x22;
const SINGLE = 0x27;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0c || byte === 0x0d;
const isLetter = (byte: number) => (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;
const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);

/** Elements whose content the parser reads as text, up to their own end tag. */
const TEXT_ELEMENTS = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
]);

type State =
  | "text"
  | "open" // after "<"
  | "bang" // after "<!"
  | "bang-dash" // after "<!-"
  | "name" // in a tag name
  | "tag" // in a tag, between attributes
  | "before-value"
  | "double"
  | "single"
  | "unquoted"
  | "comment"
  | "bogus" // <!doctype …>, <?…>, </ …>: up to the first ">"
  | "raw" // inside a text element, looking for its end tag
  | "plaintext"; // the rest of the page is text

/**
 * HTMLRewriter's own rule (lol-html's AmbiguityGuard): text elements are
 * ambiguous between <select> and </select> (<script> excepted), in a
 * <template> inside <select>, and anywhere after <frameset> (<noframes> excepted).
 */
class AmbiguityWatch {
  #mode: "default" | "select" | "frameset" = "default";
  #templates = 0;

  /** False when HTMLRewriter would refuse this start tag. */
  start(name: string): boolean {
    const text = TEXT_ELEMENTS.has(name) || name === "plaintext";
    if (this.#mode === "frameset") return !text || name === "noframes";
    if (this.#mode === "default") {
      if (name === "select") this.#mode = "select";
      else if (name === "frameset") this.#mode = "frameset";
      return true;
    }
    if (this.#templates > 0) {
      if (name === "template") this.#templates += 1;
      return !text;
    }
    if (name === "select" || name === "textarea" || name === "input" || name === "keygen") this.#mode = "default";
    else if (name === "template") this.#templates = 1;
    else if (name !== "script" && text) return false;
    return true;
  }

  end(name: string): void {
    if (this.#mode !== "select") return;
    if (this.#templates > 0) {
      if (name === "template") this.#templates -= 1;
    } else if (name === "select") this.#mode = "default";
  }
}

/** Follows a page across chunks and says where HTMLRewriter must stop reading it. */
export class RewriteGuard {
  #state: State = "text";
  /** Bytes of the current tag so far (from its "<"). */
  #bytes = 0;
  #name = "";
  #end = false;
  /** In a text element: its end tag, "</name", and how much of it has been seen. */
  #closing = "";
  #matched = 0;
  /** In a comment: content bytes seen (capped) and the last three. */
  #commentBytes = 0;
  #tail = [0, 0, 0];
  readonly #ambiguity = new AmbiguityWatch();

  constructor(private readonly limit = MAX_TAG_BYTES) {}

  /**
   * The index in `chunk` before which HTMLRewriter may read it and after
   * which it must not, or -1 when it may read all of it. Once a cut has been
   * returned the guard is done with the page.
   */
  cutAt(chunk: Uint8Array): number {
    let i = 0;
    let tagStart = -1;
    while (i < chunk.length) {
      switch (this.#state) {
        case "plaintext":
          return -1;
        case "text": {
          const open = chunk.indexOf(LT, i);
          if (open < 0) return -1;
          this.#state = "open";
          this.#bytes = 1;
          tagStart = open;
          i = open + 1;
          continue;
        }
        case "double":
        case "single": {
          // Attribute values are where the megabytes are: skip to the closing quote.
          const close = chunk.indexOf(this.#state === "double" ? DOUBLE : SINGLE, i);
          const stop = close < 0 ? chunk.length : close + 1;
          if (this.#bytes + (stop - i) > this.limit) return i + (this.limit - this.#bytes);
          this.#bytes += stop - i;
          if (close >= 0) this.#state = "tag";
          i = stop;
          continue;
        }
        case "comment": {
          const close = chunk.indexOf(GT, i);
          const stop = close < 0 ? chunk.length : close;
          for (let j = Math.max(i, stop - 3); j < stop; j++) this.#remember(chunk[j] as number);
          this.#commentBytes = Math.min(3, this.#commentBytes + (stop - i));
          if (close >= 0) this.#closeComment();
          i = close < 0 ? chunk.length : close + 1;
          continue;
        }
        case "raw": {
          if (this.#matched === 0) {
            const open = chunk.indexOf(LT, i);
            if (open < 0) return -1;
            this.#matched = 1;
            tagStart = open;
            i = open + 1;
            continue;
          }
          const byte = chunk[i] as number;
          if (this.#matched < this.#closing.length) {
            this.#matched = lower(byte) === this.#closing.charCodeAt(this.#matched) ? this.#matched + 1 : 0;
            if (this.#matched === 0 && byte === LT) continue; // this "<" may start the end tag
          } else if (isSpace(byte) || byte === SLASH || byte === GT) {
            this.#name = this.#closing.slice(2);
            this.#end = true;
            this.#bytes = this.#closing.length;
            this.#matched = 0;
            this.#ambiguity.end(this.#name);
            this.#state = byte === GT ? "text" : "tag";
          } else {
            this.#matched = 0;
            if (byte === LT) continue;
          }
          i += 1;
          continue;
        }
        case "bogus": {
          const close = chunk.indexOf(GT, i);
          const stop = close < 0 ? chunk.length : close + 1;
          if (this.#bytes + (stop - i) > this.limit) return i + (this.limit - this.#bytes);
          this.#bytes += stop - i;
          if (close >= 0) this.#state = "text";
          i = stop;
          continue;
        }
        default:
          break;
      }
      const byte = chunk[i] as number;
      if (++this.#bytes > this.limit) return i;
      if (this.#state === "open" && byte === LT) tagStart = i;
      if (this.#state === "name" && (isSpace(byte) || byte === SLASH || byte === GT)) {
        if (!this.#named()) return tagStart >= 0 ? tagStart : i;
      }
      this.#step(byte);
      i += 1;
    }
    return -1;
  }

  /** A tag name is complete: track it; false when HTMLRewriter would refuse it. */
  #named(): boolean {
    if (this.#end) {
      this.#ambiguity.end(this.#name);
      return true;
    }
    return this.#ambiguity.start(this.#name);
  }

  #step(byte: number): void {
    switch (this.#state) {
      case "open":
        if (isLetter(byte) || byte === SLASH) {
          this.#end = byte === SLASH;
          this.#name = this.#end ? "" : String.fromCharCode(lower(byte));
          this.#state = "name";
        } else if (byte === BANG) this.#state = "bang";
        else if (byte === QUESTION) this.#state = "bogus";
        else if (byte === LT) this.#bytes = 1;
        else this.#state = "text";
        return;
      case "bang":
        this.#state = byte === DASH ? "bang-dash" : byte === GT ? "text" : "bogus";
        return;
      case "bang-dash":
        if (byte === DASH) {
          this.#state = "comment";
          this.#commentBytes = 0;
          this.#tail = [0, 0, 0];
        } else this.#state = byte === GT ? "text" : "bogus";
        return;
      case "name":
        // "</" and then no letter: a bogus comment, up to the first ">".
        if (this.#end && this.#name === "" && byte !== GT && !isLetter(byte)) this.#state = "bogus";
        else if (byte === GT) this.#finishTag();
        else if (isSpace(byte) || byte === SLASH) this.#state = "tag";
        else if (this.#name.length < 16) this.#name += String.fromCharCode(lower(byte));
        return;
      case "tag":
        if (byte === GT) this.#finishTag();
        else if (byte === EQ) this.#state = "before-value";
        return;
      case "before-value":
        if (isSpace(byte)) return;
        if (byte === GT) this.#finishTag();
        else this.#state = byte === DOUBLE ? "double" : byte === SINGLE ? "single" : "unquoted";
        return;
      case "unquoted":
        if (byte === GT) this.#finishTag();
        else if (isSpace(byte)) this.#state = "tag";
        return;
      default:
        return;
    }
  }

  #finishTag(): void {
    this.#state = "text";
    if (this.#end) return;
    if (this.#name === "plaintext") this.#state = "plaintext";
    else if (TEXT_ELEMENTS.has(this.#name)) {
      this.#state = "raw";
      this.#closing = `</${this.#name}`;
      this.#matched = 0;
    }
  }

  #remember(byte: number): void {
    this.#tail = [this.#tail[1] as number, this.#tail[2] as number, byte];
  }

  /** At a ">" in a comment: "<!-->", "<!--->", "-->" and "--!>" end it. */
  #closeComment(): void {
    const [a, b, c] = this.#tail;
    const abrupt = this.#commentBytes === 0 || (this.#commentBytes === 1 && c === DASH);
    if (abrupt || (b === DASH && c === DASH) || (a === DASH && b === DASH && c === BANG)) {
      this.#state = "text";
      return;
    }
    this.#remember(GT);
    this.#commentBytes = Math.min(3, this.#commentBytes + 1);
  }
}

/** `rewriter.transform(response)`, except that what HTMLRewriter cannot finish ends the rewriting, not the page. */
export function boundedTransform(rewriter: HTMLRewriter, response: Response, limit = MAX_TAG_BYTES): Response {
  const source = response.body;
  if (!source) return rewriter.transform(response);
  const feed = new TransformStream<Uint8Array, Uint8Array>();
  // transform() throws here, before the origin's body is touched, for an
  // encoding HTMLRewriter cannot parse; the caller then serves the page as is.
  const rewritten = rewriter.transform(new Response(feed.readable, response));
  const output = new TransformStream<Uint8Array, Uint8Array>();
  void splice(source, feed.writable, rewritten.body as ReadableStream<Uint8Array>, output.writable, limit);
  return new Response(output.readable, rewritten);
}

async function splice(
  source: ReadableStream<Uint8Array>,
  feed: WritableStream<Uint8Array>,
  rewritten: ReadableStream<Uint8Array>,
  output: WritableStream<Uint8Array>,
  limit: number,
): Promise<void> {
  const reader = source.getReader();
  let rest: Uint8Array | undefined;
  const feeding = (async () => {
    const writer = feed.getWriter();
    const guard = new RewriteGuard(limit);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const cut = guard.cutAt(value);
        if (cut < 0) {
          await writer.write(value);
          continue;
        }
        if (cut > 0) await writer.write(value.subarray(0, cut));
        rest = value.subarray(cut);
        break;
      }
      await writer.close();
    } catch (error) {
      // The origin broke off (or the browser went away): pass that on, never a clean end.
      await Promise.allSettled([writer.abort(error), reader.cancel(error)]);
    }
  })();

  try {
    await rewritten.pipeTo(output, { preventClose: true });
  } catch {
    // pipeTo has already aborted the output with the same error.
    await Promise.allSettled([feeding, reader.cancel()]);
    return;
  }
  await feeding;
  const writer = output.getWriter();
  try {
    if (rest) {
      await writer.write(rest);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
    }
    await writer.close();
  } catch (error) {
    await Promise.allSettled([writer.abort(error), reader.cancel(error)]);
  }
}
