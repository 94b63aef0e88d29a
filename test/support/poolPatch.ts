/**
 * The worker project runs many files in one workerd (isolate: false), which
 * needs the fix in patches/ to @cloudflare/vitest-pool-workers 0.15.1: unfixed,
 * its entrypoint wrapper wraps its prototype in one more Proxy on every
 * request, so each request is slower than the one before and, some thousands
 * of requests on, the stack overflows (workers-sdk issue 15092, fixed upstream
 * in releases that need a wrangler newer than Node 20 runs). `npm install`
 * applies the patch (postinstall: patch-package); this says so when it did not.
 */
import { readFileSync } from "node:fs";

const wrapper = new URL(
  "../../node_modules/@cloudflare/vitest-pool-workers/dist/worker/lib/cloudflare/test-internal.mjs",
  import.meta.url,
);

export function assertPoolPatched(): void {
  if (!readFileSync(wrapper, "utf8").includes("proxyInstalled")) {
    throw new Error(
      "@cloudflare/vitest-pool-workers is not patched (patches/): run `npm install`, or `npx patch-package`",
    );
  }
}
