/**
 * A rough HTML tokenizer that follows a page chunk by chunk and says where
 * HTMLRewriter would refuse a text element (inside <select>, after
 * <frameset>); start tags too long for it are boundedTransform's to catch.
 * RewriteWatch runs it only from where a <select> or <frameset> could begin,
 * until it is quiet again. Quotes count only after "=", and raw text
 * elements, comments and bogus comments are skipped the way the HTML
 * tokenizer skips them; where it is unsure it says stop early. It reads
 * bytes and never changes them.
 */

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
  | "tag" // in a tag, after its name (attributes, unquoted values)
  | "double" // in a quoted attribute value
  | "single"
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

  /** Outside <select> and <frameset>: no text element can be refused until one of them starts. */
  get settled(): boolean {
    return this.#mode === "default";
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
  #name = "";
  #end = false;
  /** In a text element: its end tag, "</name", and how much of it has been seen. */
  #closing = "";
  #matched = 0;
  /** In a comment: content bytes seen (capped) and the last three. */
  #commentBytes = 0;
  #tail = [0, 0, 0];
  /** In a tag: the last byte that was not a space ("=" makes the next quote open a value). */
  #lastSignificant = 0;
  readonly #ambiguity = new AmbiguityWatch();

  /** Between tags and outside <select> and <frameset>: nothing ahead depends on what was read. */
  get quiet(): boolean {
    return this.#state === "text" && this.#ambiguity.settled;
  }

  /** Where the last `cutAt(chunk, true)` stopped because the guard was quiet, or -1 if it read on. */
  get quietAt(): number {
    return this.#quietAt;
  }

  #quietAt = -1;

  /**
   * The index in `chunk` before which HTMLRewriter may read it and after
   * which it must not, or -1 when it may read all of it. Once a cut has been
   * returned the guard is done with the page. With `untilQuiet`, reading also
   * stops (returning -1, with `quietAt` set) at the first point past the
   * chunk's start where the guard is quiet.
   */
  cutAt(chunk: Uint8Array, untilQuiet = false): number {
    const length = chunk.length;
    let i = 0;
    this.#quietAt = -1;
    let tagStart = -1;
    // Where the next ">" and quotes are in this chunk (length: none), found natively and reused.
    let nextGt = -1;
    let nextDouble = -1;
    let nextSingle = -1;
    const after = (byte: number, from: number) => {
      const found = chunk.indexOf(byte, from);
      return found < 0 ? length : found;
    };
    while (i < length) {
      switch (this.#state) {
        case "plaintext":
          return -1;
        case "text": {
          if (untilQuiet && i > 0 && this.#ambiguity.settled) {
            this.#quietAt = i;
            return -1;
          }
          const open = chunk.indexOf(LT, i);
          if (open < 0) return -1;
          this.#state = "open";
          tagStart = open;
          i = open + 1;
          continue;
        }
        case "tag": {
          // Jump from one byte that matters (">", a quote) to the next rather than walk the tag.
          if (nextGt < i) nextGt = after(GT, i);
          if (nextDouble < i) nextDouble = after(DOUBLE, i);
          if (nextSingle < i) nextSingle = after(SINGLE, i);
          const stop = Math.min(nextGt, nextDouble, nextSingle);
          let j = stop - 1;
          while (j >= i && isSpace(chunk[j] as number)) j--;
          if (j >= i) this.#lastSignificant = chunk[j] as number;
          if (stop === length) return -1;
          const byte = chunk[stop] as number;
          if (byte === GT) this.#finishTag();
          else if (this.#lastSignificant === EQ) this.#state = byte === DOUBLE ? "double" : "single";
          else this.#lastSignificant = byte; // a quote in an attribute name opens nothing
          i = stop + 1;
          continue;
        }
        case "double":
        case "single": {
          // Attribute values are where the megabytes are: skip to the closing quote.
          const quote = this.#state === "double" ? DOUBLE : SINGLE;
          const close = chunk.indexOf(quote, i);
          const stop = close < 0 ? length : close + 1;
          if (close >= 0) {
            this.#state = "tag";
            this.#lastSignificant = quote;
          }
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
            this.#matched = 0;
            this.#ambiguity.end(this.#name);
            this.#state = byte === GT ? "text" : "tag";
            this.#lastSignificant = byte;
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
          if (close >= 0) this.#state = "text";
          i = stop;
          continue;
        }
        default:
          break;
      }
      const byte = chunk[i] as number;
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
        else if (byte !== LT) this.#state = "text"; // "<<": the second may open the tag
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
        else if (isSpace(byte) || byte === SLASH) {
          this.#state = "tag";
          this.#lastSignificant = byte;
        } else if (this.#name.length < 16) this.#name += String.fromCharCode(lower(byte));
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
