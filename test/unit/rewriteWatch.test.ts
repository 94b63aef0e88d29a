import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewriteGuard } from "../../src/rewrite/RewriteGuard";
import { MAX_KEPT_BYTES, RewriteWatch } from "../../src/rewrite/RewriteWatch";

const bytes = (text: string) => new TextEncoder().encode(text);

/** The absolute offset where the watcher (or guard) stops the page, or -1, with the page cut into chunks at `splits`. */
function cutOf(make: () => { cutAt(chunk: Uint8Array): number }, text: string, splits: readonly number[]): number {
  const page = bytes(text);
  const reader = make();
  const bounds = [0, ...splits, page.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as number;
    const cut = reader.cutAt(page.subarray(from, bounds[i + 1]));
    if (cut >= 0) return from + cut;
  }
  return -1;
}

const watch = () => new RewriteWatch();
const guard = () => new RewriteGuard();

describe("RewriteWatch", () => {
  const pages = [
    '<p>a</p><form><select name="s"><option>x</option><style>y</style></select></form><p>b</p>',
    "<div><SELECT><Option>1<TITLE>t</TITLE></SELECT></div>",
    "<p>a</p><FrameSet cols=2><frame><noscript>n</noscript></FrameSet>",
    "<select><template><iframe></iframe></template></select>",
  ];

  // A cut may land a few bytes after the "<" when the chunk before it ended inside the
  // tag's name: HTMLRewriter, fed up to there, passes the unfinished tag on as text.
  it.each(pages)("stops where the guard would, wherever the chunks break: %s", (text) => {
    expect(cutOf(guard, text, [])).toBeGreaterThan(0);
    for (let split = 1; split < text.length; split++) {
      expect(cutOf(watch, text, [split]), `split at ${split}`).toBe(cutOf(guard, text, [split]));
    }
    for (let size = 1; size <= 9; size++) {
      const splits = Array.from({ length: Math.ceil(text.length / size) - 1 }, (_, i) => (i + 1) * size);
      expect(cutOf(watch, text, splits), `chunks of ${size}`).toBe(cutOf(guard, text, splits));
    }
  });

  it.each([
    "<p>no select here: <style>s</style><noscript>n</noscript><title>t</title></p>",
    "<selection><style>s</style></selection><framesets><iframe></iframe>",
    "<select><option>a</option></select><style>s</style><noscript>n</noscript>",
    "<select><script>var s = 1;</script><option>a</option></select><iframe></iframe>",
  ])("lets through what HTMLRewriter accepts: %s", (text) => {
    for (let split = 1; split < text.length; split++) expect(cutOf(watch, text, [split])).toBe(-1);
  });

  // Each look-alike is followed by a real <select> holding a text element HTMLRewriter refuses.
  it.each([
    "<!<select><select><noembed></noembed></select>",
    "<!-- <select> --><p>x</p><select><style>s</style></select>",
    "<!--<select><script><!----><select><style>s</style></select>",
    "<script>var s = '<select>';</script><select><option>a<noscript>n</noscript></select>",
    '<p title="<select a=\'"><select><title>t</title></select>',
    "<textarea><select></textarea><select><xmp>x</xmp></select>",
  ])("is not misled by a look-alike before a real <select>: %s", (text) => {
    const guardCut = cutOf(guard, text, []);
    expect(guardCut).toBeGreaterThan(0);
    for (let split = 0; split < text.length; split++) {
      expect(cutOf(watch, text, split === 0 ? [] : [split]), `split at ${split}`).toBe(
        cutOf(guard, text, split === 0 ? [] : [split]),
      );
    }
    for (let size = 1; size <= 5; size++) {
      const splits = Array.from({ length: Math.ceil(text.length / size) - 1 }, (_, i) => (i + 1) * size);
      expect(cutOf(watch, text, splits), `chunks of ${size}`).toBe(cutOf(guard, text, splits));
    }
  });

  it("past what it keeps, stops at the next look-alike rather than guess what it is", () => {
    const filler = "<p>testo</p>".repeat(Math.ceil((MAX_KEPT_BYTES + 16_384) / 12));
    const text = `${filler}<!-- <select> --><p>after</p>`;
    const splits = Array.from({ length: Math.floor(text.length / 4096) }, (_, i) => (i + 1) * 4096);
    expect(cutOf(guard, text, splits)).toBe(-1);
    expect(cutOf(watch, text, splits)).toBe(text.indexOf("<select>"));
    // A look-alike split between chunks stops the rewriting at the second one; a <span> split so does not.
    const split = text.indexOf("<select>") + 4;
    expect(cutOf(watch, text, [...splits.filter((at) => at < split), split])).toBe(split);
    const span = `${filler}<span>x</span><p>after</p>`;
    expect(cutOf(watch, span, [...splits, span.indexOf("<span>") + 2])).toBe(-1);
    // Within what it keeps, the same look-alike is seen for what it is.
    const short = `<p>testo</p><!-- <select> --><p>after</p>`;
    expect(cutOf(watch, short, [5, 20])).toBe(-1);
  });

  it("stops at a look-alike when a chunk it kept was taken over by the runtime", () => {
    const reader = watch();
    const first = bytes("<p>a</p><!-- ");
    expect(reader.cutAt(first)).toBe(-1);
    // A transferred buffer leaves its views empty.
    structuredClone(first.buffer, { transfer: [first.buffer] });
    expect(first.length).toBe(0);
    expect(reader.cutAt(bytes("<select> --><p>b</p>"))).toBe(0);
  });

  it("takes up the search again after </select>, and finds the next one", () => {
    const text = "<select><option>a</option></select><p>between</p><select><option>b<style>x</style></select>";
    expect(cutOf(watch, text, [])).toBe(text.indexOf("<style>"));
    for (let split = 1; split < text.length; split++) {
      expect(cutOf(watch, text, [split]), `split at ${split}`).toBe(cutOf(guard, text, [split]));
    }
  });
});

describe("RewriteWatch's search, four bytes at a time", () => {
  const token = fc.constantFrom(
    "<select>",
    "<SeLeCt ",
    "<frameset>",
    "<style>s</style>",
    "<title>",
    "</select>",
    "<!--",
    "-->",
    "<s",
    "<f",
    "<",
    "<<",
    "elect",
    "x",
    "xyz",
    '"',
    "=",
    ">",
  );

  it("agrees with the guard wherever the page lies in its buffer and however it is cut", () => {
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 24 }),
        fc.integer({ min: 0, max: 7 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }),
        (tokens, shift, cuts) => {
          const text = tokens.join("");
          // The page at `shift` bytes into its buffer, so that words start anywhere in it.
          const padded = new Uint8Array(shift + text.length);
          padded.set(bytes(text), shift);
          const page = padded.subarray(shift);
          const splits = [...new Set(cuts.filter((cut) => cut < page.length))].sort((a, b) => a - b);
          const cutWith = (reader: { cutAt(chunk: Uint8Array): number }): number => {
            const bounds = [0, ...splits, page.length];
            for (let i = 0; i + 1 < bounds.length; i++) {
              const cut = reader.cutAt(page.subarray(bounds[i], bounds[i + 1]));
              if (cut >= 0) return (bounds[i] as number) + cut;
            }
            return -1;
          };
          expect(cutWith(new RewriteWatch())).toBe(cutWith(new RewriteGuard()));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("RewriteGuard, asked to stop once quiet", () => {
  it("stops right after </select> and tokenizes no further", () => {
    const text = "<select><option>a</option></select><p>plenty more page</p>";
    const reader = guard();
    expect(reader.cutAt(bytes(text), true)).toBe(-1);
    expect(reader.quietAt).toBe(text.indexOf("<p>"));
    expect(reader.quiet).toBe(true);
  });

  it("reads on while inside <select> or a tag, and to the end when never quiet", () => {
    const reader = guard();
    expect(reader.cutAt(bytes("<select><option>a</option>"), true)).toBe(-1);
    expect(reader.quietAt).toBe(-1);
    expect(reader.quiet).toBe(false);
    expect(reader.cutAt(bytes("</select>rest"), true)).toBe(-1);
    expect(reader.quietAt).toBe("</select>".length);
  });
});
