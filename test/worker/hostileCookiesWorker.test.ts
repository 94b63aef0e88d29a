/**
 * Hostile profile cookies, generated, through the Worker's fetch (cookie
 * parsing, the page, the re-signed cookie): whatever the `tact` cookie holds,
 * the page comes back 200, whole and personalized, and the profile is either
 * exactly the one tact signed or a fresh one. hostileCookies.test.ts checks
 * each kind against verifyProfile.
 */
import fc from "fast-check";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, tactCookie } from "../support/harness";
import {
  type Case,
  claims,
  DAY,
  encode,
  FRESH,
  KEPT,
  now,
  PAGE,
  PLANTED,
  quietShop,
  signed,
  WORKER_RUNS,
} from "./hostileCookieCases";
import {
  algorithm,
  build,
  clearOfEdges,
  foreignKey,
  keyId,
  mutation,
  payload,
  randomHeader,
  randomValue,
  size,
  times,
} from "./hostileCookieRecipes";

/**
 * One page view with this Cookie header. A page tact could not start on within
 * its deadline (a busy machine) is served untouched, as designed; that is no
 * answer about the cookie, so the view is tried again, at most twice.
 */
async function visit(header: string): Promise<{ response: Response; html: string }> {
  for (let attempt = 1; ; attempt++) {
    const response = await get(PAGE, { headers: { cookie: header } });
    expect(response.status).toBe(200);
    const html = await response.text();
    if (attempt === 3 || html.includes("data-tact-rule") || tactCookie(response) !== undefined)
      return { response, html };
  }
}

async function checkThroughWorker(testCase: Case): Promise<void> {
  const { response, html } = await visit(testCase.header);
  expect(html).toContain('data-tact-rule="test-rule"');
  expect(html.trimEnd().endsWith("</html>")).toBe(true);
  const value = tactCookie(response);
  expect(value).toBeDefined();
  const payload = decodeJwt(value!);
  const fresh = payload.vis === 1 && JSON.stringify(payload.rv) === '["p1"]';
  const { expected } = testCase;
  if (expected.kind === "fresh") {
    expect(fresh).toBe(true);
    expect(payload.id).not.toBe(PLANTED);
  } else if (expected.kind === "kept") {
    expect(payload.id).toBe(expected.id);
    expect(payload.rv).toContain("p1");
  } else if (!fresh) {
    expect(payload.id).toBe(PLANTED);
  }
}

beforeEach(quietShop);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hostile profile cookies, through the Worker", () => {
  it("every kind, mixed: a 200 page, whole and personalized, with the profile the oracle names", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(randomValue, randomHeader, mutation, algorithm, foreignKey, keyId, times, size, payload),
        async (recipe) => {
          fc.pre(clearOfEdges(recipe));
          await checkThroughWorker(await build(recipe));
        },
      ),
      { numRuns: WORKER_RUNS },
    );
  }, 60_000);

  it("duplicated cookie names: the first readable one counts, never a mix", async () => {
    const valid = await signed();
    const expired = await signed(claims({ iat: now() - 3 * DAY, exp: now() - 2 * DAY }));
    const [h, , s] = valid.split(".");
    const tampered = `${h}.${encode(claims({ id: "BBBBBBBBBBBBBBBBBBBBBB" }))}.${s}`;
    const values = { valid, expired, tampered, garbage: "not-a-token", empty: "", quoted: `"${valid}"`, out: "out" };
    const names = Object.keys(values) as (keyof typeof values)[];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names), { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        async (picked, others) => {
          const pairs = picked.map((name) => `__Host-tact=${values[name]}`);
          if (others) pairs.splice(1, 0, "session=abc", "tact_other=1");
          const first = picked[0]!;
          if (first === "out") {
            // The forget-me marker: the page is served and no profile is written.
            const { response } = await visit(pairs.join("; "));
            expect(tactCookie(response)).toBeUndefined();
            return;
          }
          const expected = first === "valid" || first === "quoted" ? KEPT : FRESH;
          await checkThroughWorker({ header: pairs.join("; "), expected });
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);
});
