import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SHARED, bump, cacheReady, freshId, originHits, sleep, visit } from "../support/edgeCache";

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

const status = (response: Response): string | null => response.headers.get("x-tact-edge-cache");

describe("edge cache: fresh enough", () => {
  it("serves a stale copy within stale-while-revalidate and refreshes it in the background", async () => {
    await cacheReady();
    const id = freshId("swr");
    const page = `${SHARED}/${id}?cc=public,s-maxage=1,stale-while-revalidate=60`;
    await visit(page);
    await sleep(1100);
    const stale = await visit(page);
    expect(status(stale)).toBe("stale");
    // The background request was conditional, and the origin said the copy still holds.
    expect(await originHits(id)).toMatchObject({ full: 1, notModified: 1 });
    expect(status(await visit(page))).toBe("hit");
  });

  it("brings a changed page in behind a stale copy", async () => {
    await cacheReady();
    const id = freshId("swr-changed");
    const page = `${SHARED}/${id}?cc=public,s-maxage=1,stale-while-revalidate=60`;
    await visit(page);
    await bump(id);
    await sleep(1100);
    expect(await (await visit(page)).text()).toContain(`Pagina ${id} v1`);
    const next = await visit(page);
    expect(status(next)).toBe("hit");
    expect(await next.text()).toContain(`Pagina ${id} v2`);
    expect(await originHits(id)).toMatchObject({ full: 2, conditional: 1 });
  });

  it("revalidates an expired copy with a conditional request before serving it", async () => {
    await cacheReady();
    const id = freshId("expired");
    const page = `${SHARED}/${id}?cc=public,s-maxage=1`;
    await visit(page);
    await sleep(1100);
    const revalidated = await visit(page);
    expect(status(revalidated)).toBe("revalidated");
    expect(await revalidated.text()).toContain(`Pagina ${id} v1`);
    expect(await originHits(id)).toMatchObject({ full: 1, notModified: 1 });
    expect(status(await visit(page))).toBe("hit");
  });

  it("sends a page that changed while its copy expired", async () => {
    await cacheReady();
    const id = freshId("expired-changed");
    const page = `${SHARED}/${id}?cc=public,s-maxage=1`;
    await visit(page);
    await bump(id);
    await sleep(1100);
    const fresh = await visit(page);
    expect(status(fresh)).toBe("miss");
    expect(await fresh.text()).toContain(`Pagina ${id} v2`);
  });

  it("leaves a purged page's copy behind, and only that page's", async () => {
    await cacheReady();
    const [purged, kept] = [freshId("purged"), freshId("kept")];
    await visit(`${SHARED}/${purged}`);
    await visit(`${SHARED}/${kept}`);
    await cacheReady({}, { purged: [{ prefix: `${SHARED}/${purged}`, at: Date.now() }] });
    expect(status(await visit(`${SHARED}/${purged}`))).toBe("miss");
    expect(status(await visit(`${SHARED}/${purged}`))).toBe("hit");
    expect(status(await visit(`${SHARED}/${kept}`))).toBe("hit");
  });

  it("leaves every copy behind when the generation is bumped", async () => {
    await cacheReady({}, { generation: 1 });
    const [one, two] = [freshId("gen-a"), freshId("gen-b")];
    await visit(`${SHARED}/${one}`);
    await visit(`${SHARED}/${two}`);
    await cacheReady({}, { generation: 2 });
    expect(status(await visit(`${SHARED}/${one}`))).toBe("miss");
    expect(status(await visit(`${SHARED}/${two}`))).toBe("miss");
    expect(status(await visit(`${SHARED}/${one}`))).toBe("hit");
  });

  it("skips the cache while the cache state in KV is unreadable", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await cacheReady({}, { generation: -1 });
    const id = freshId("bad-state");
    for (let i = 0; i < 2; i += 1) expect(status(await visit(`${SHARED}/${id}`))).toBeNull();
    expect(error.mock.calls.some(([line]) => String(line).includes("edge-cache.invalid-state"))).toBe(true);
  });
});
