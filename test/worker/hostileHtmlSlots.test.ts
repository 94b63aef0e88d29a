/**
 * Once every slot is filled: each block goes in once, and the rest of the
 * page is left as it came.
 */
import { describe, expect, it, vi } from "vitest";
import { InsertionLedger } from "../../src/html/InsertionLedger";
import { type RewriteOptions, rewriteStream } from "../../src/html/rewriteStream";
import { SlotHandler } from "../../src/html/SlotHandler";
import { quietTestsWithCatalog } from "../support/quietConsole";
import { type Position } from "../support/pages";

/** rewriteStream with a ledger of its own, for rewriters whose handlers insert nothing through one. */
function rewrite(rewriter: HTMLRewriter, page: Response, options: Partial<RewriteOptions> = {}): Promise<Response> {
  return rewriteStream(rewriter, page, { ledger: new InsertionLedger(), ...options });
}

quietTestsWithCatalog();

describe("once every slot is filled", () => {
  const MARK = "<i data-tact-mark></i>";
  const encoder = new TextEncoder();

  /** A rewriter that fills #slot with MARK, saying so in `seen`, and counts the <p> elements it reads. */
  function marking(position: Position) {
    const seen = { filled: false, read: 0 };
    const ledger = new InsertionLedger();
    const slot = new SlotHandler(position, () => MARK, ledger, {
      found() {},
      filled: () => (seen.filled = true),
      out() {},
    });
    const rewriter = new HTMLRewriter().on("#slot", slot).on("p", { element: () => void (seen.read += 1) });
    const transform = async (page: Response, options: Partial<RewriteOptions> = {}) =>
      rewriteStream(rewriter, page, { ledger, finished: () => seen.filled, ...options });
    return { transform, seen };
  }

  /** A body sent one part per chunk, ending with `ending` (a clean close, or an error). */
  function body(parts: readonly string[], ending?: Error): ReadableStream<Uint8Array> {
    let next = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts[next++];
        if (part !== undefined) controller.enqueue(encoder.encode(part));
        else if (ending) controller.error(ending);
        else controller.close();
      },
    });
  }

  const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>${i}</p>`);

  it.each([
    ["prepend", '<div id="slot">', `<div id="slot">${MARK}`],
    ["append", "<b>slot</b></div>", `<b>slot</b>${MARK}</div>`],
  ] as const)("%s: the rest of the page streams on unread, byte for byte", async (position, before, after) => {
    // The slot's end tag comes a few chunks after its start tag.
    const parts = [
      '<!doctype html><html><body><div id="slot">',
      "<b>slot</b>",
      "</div>",
      ...paragraphs,
      "</body></html>",
    ];
    const { transform, seen } = marking(position);
    const page = new Response(body(parts), { headers: { "content-type": "text/html" } });
    const output = await (await transform(page)).text();
    expect(output).toBe(parts.join("").replace(before, after));
    // The rewriter is stopped once the block is out: it reads at most the chunk it was handed meanwhile.
    expect(seen.read).toBeLessThanOrEqual(1);
  });

  it("a slot near the top: the rewriter reads little more than the first 16 KiB", async () => {
    const paragraph = (i: number) => `<p>${String(i).padStart(6, "0")}</p>`;
    const rest = Array.from({ length: 10_000 }, (_, i) => paragraph(i)).join("");
    const text = `<!doctype html><html><body><div id="slot"></div>${rest}</body></html>`;
    const { transform, seen } = marking("append");
    // The runtime's own byte stream, read as tact reads an origin's body.
    const page = new Response(encoder.encode(text), { headers: { "content-type": "text/html" } });
    const output = await (await transform(page)).text();
    expect(output).toBe(text.replace('<div id="slot"></div>', `<div id="slot">${MARK}</div>`));
    expect(seen.read).toBeGreaterThan(0);
    expect(seen.read * paragraph(0).length).toBeLessThanOrEqual(16 * 1024);
  });

  it.each([
    ["has gone out in full", undefined, false],
    ["broke off", new Error("origin gone"), false],
    ["lost its reader", undefined, true],
  ] as const)("says when the page %s", async (_name, ending, cancel) => {
    let ended = 0;
    const rewriter = new HTMLRewriter().on("p", { element: () => {} });
    const parts = ["<html><body>", ...paragraphs, "</body></html>"];
    const page = new Response(body(parts, ending), { headers: { "content-type": "text/html" } });
    const reader = (await rewrite(rewriter, page, { onSettled: () => (ended += 1) })).body!.getReader();
    const drain = async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
    };
    if (cancel) {
      await reader.read();
      await reader.cancel(new Error("went away"));
    } else if (ending) await expect(drain()).rejects.toThrow();
    else await drain();
    await vi.waitFor(() => expect(ended).toBe(1));
  });

  it("an origin that breaks off afterwards still breaks the page off", async () => {
    const { transform } = marking("prepend");
    const parts = ['<html><body><div id="slot"></div>', ...paragraphs];
    const page = new Response(body(parts, new Error("origin gone")), { headers: { "content-type": "text/html" } });
    const reader = (await transform(page)).body!.getReader();
    let text = "";
    const decoder = new TextDecoder();
    const drained = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += decoder.decode(chunk.value);
    })();
    await expect(drained).rejects.toThrow();
    expect(text).toContain(MARK);
    expect(text).not.toContain("</html>");
  });
});
