/**
 * Pages through tact, compared byte for byte with the origin's: the test
 * ruleset's block (one rule, `#slot` or a selector of the test's choosing)
 * is the only thing tact may add.
 */
import { expect } from "vitest";
import type { SLOT_POSITIONS } from "../../src/core/ruleset/RuleSet";
import { SHOP, get, originBytes, putRuleSet, rule, ruleset } from "./harness";

export type Position = (typeof SLOT_POSITIONS)[number];

/** Bytes as a string of the same length, one character per byte, for exact comparison. */
export function binary(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** One block as the test ruleset renders it: the harness template with the standard catalog's cards. */
export const BLOCK =
  /<section data-tact-rule="test-rule" class="picks"><h2>(?:Da non perdere|Worth a look)<\/h2><ul>(?:<li data-tact-item="(p\d)"><a href="\/products\/\1"><img src="\/images\/\1\.svg" alt=""><span>Articolo \1<\/span> <b>[^<]{1,40}<\/b><\/a><\/li>){2,3}<\/ul><\/section>/g;

export interface Served {
  readonly output: string;
  readonly input: string;
  readonly blocks: string[];
  readonly response: Response;
}

/** The test rule on every /__test/ page, in the slot `selector` at `position`. */
export async function useSlot(position: Position, selector = "#slot"): Promise<void> {
  await putRuleSet(
    ruleset([rule({ page: "/__test/*", slot: { selector, position } })], {
      // Generous: a block must never miss its slot because the machine is busy.
      settings: { languages: ["it", "en"], slotDeadlineMs: 2000, learningWaitMs: 200 },
    }),
  );
}

/**
 * Fetches a page through tact and around it; checks the output is the input
 * plus blocks. When fewer blocks than `expected` came, the page is fetched
 * again (at most twice): on a busy machine tact may miss its start deadline
 * and serve a page untouched, by design, which says nothing about the HTML.
 */
export async function serve(
  path: string,
  expected = 0,
  headers: Record<string, string> = {},
  sent?: Uint8Array,
): Promise<Served> {
  const input = binary(sent ?? (await originBytes(path)));
  expect(input.match(BLOCK)).toBeNull();
  for (let attempt = 1; ; attempt++) {
    const response = await get(path, { headers });
    expect(response.status).toBe(200);
    const output = binary(new Uint8Array(await response.arrayBuffer()));
    const blocks = output.match(BLOCK) ?? [];
    expect(output.replace(BLOCK, ""), path).toBe(input);
    if (blocks.length >= expected || attempt === 3) return { output, input, blocks, response };
  }
}

let staged = 0;
/** Two workerds may run test files at once, against the one test origin: ids name theirs. */
const isolateTag = crypto.randomUUID().slice(0, 8);

/** Puts a document on the test origin and returns its path (with the delivery query, if any). */
export async function stage(document: string | Uint8Array, query = ""): Promise<string> {
  const id = `doc-${isolateTag}-${++staged}`;
  await fetch(`${SHOP}/__test/stage/${id}`, { method: "PUT", body: document });
  return `/__test/staged/${id}${query}`;
}

const encoder = new TextEncoder();

/** Stages a document, sent as `query` says, and serves it through tact (see serve). */
export async function serveStaged(document: string | Uint8Array, query = "", expected = 0): Promise<Served> {
  const bytes = typeof document === "string" ? encoder.encode(document) : document;
  return serve(await stage(bytes, query), expected, {}, bytes);
}

/** The ways an origin sends a page: whole with its length, in writes, compressed. */
export const DELIVERIES = [
  "?length",
  "?chunk=8192",
  "?chunk=uneven",
  "?coding=gzip&length",
  "?coding=br&chunk=uneven",
  "?coding=gzip&chunk=8192",
] as const;
