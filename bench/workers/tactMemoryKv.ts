/**
 * tact, with its catalog reads answered from memory. Built from tact's own
 * wrangler.toml with this file as the entry point, so config and code are
 * tact's; only TACT_CATALOG changes.
 *
 * Why: Miniflare's local KV runs inside the same workerd process as the
 * Worker and burns about 1 ms of CPU per key read (4 ms for the 9-key bulk
 * read of a rich home page) in its own storage layer. On Cloudflare a KV read
 * is I/O for the isolate, served from the colo's cache, and costs it nothing
 * but decoding the value. Here the values are kept as the text KV stored and
 * decoded (JSON.parse) on every read, fresh objects each time, as the runtime
 * does; tact then validates them as it always does. The ruleset still comes
 * from Miniflare's KV (tact caches it in the isolate anyway).
 */
import tact from "../../src/worker";

type GetOptions = { type?: "text" | "json"; cacheTtl?: number } | "text" | "json" | undefined;

class MemoryKv {
  #texts: Promise<Map<string, string>> | undefined;

  constructor(private readonly source: KVNamespace) {}

  /** Every key of the source, read once (the bench seeds KV before the first request). */
  #load(): Promise<Map<string, string>> {
    this.#texts ??= (async () => {
      const texts = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = await this.source.list(cursor === undefined ? {} : { cursor });
        const names = page.keys.map((key) => key.name);
        for (let i = 0; i < names.length; i += 100) {
          const values = await this.source.get(names.slice(i, i + 100), "text");
          for (const [name, text] of values) if (text !== null) texts.set(name, text);
        }
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor !== undefined);
      return texts;
    })();
    return this.#texts;
  }

  async get(key: string | string[], options?: GetOptions): Promise<unknown> {
    const texts = await this.#load();
    const type = typeof options === "string" ? options : (options?.type ?? "text");
    const decode = (text: string | undefined) =>
      text === undefined ? null : type === "json" ? (JSON.parse(text) as unknown) : text;
    if (typeof key === "string") return decode(texts.get(key));
    return new Map(key.map((name) => [name, decode(texts.get(name))]));
  }
}

const wrapped = new WeakMap<object, Env>();

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    let memoryEnv = wrapped.get(env);
    if (!memoryEnv) {
      memoryEnv = { ...env, TACT_CATALOG: new MemoryKv(env.TACT_CATALOG) as unknown as KVNamespace };
      wrapped.set(env, memoryEnv);
    }
    return tact.fetch(request, memoryEnv, ctx);
  },
} satisfies ExportedHandler<Env>;
