import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_KEYS } from "./test/support/testKeys";
import { testOrigin } from "./test/origin/testOrigin";

// Tests run inside workerd with the bindings from wrangler.toml. Every fetch
// the Worker makes to its origin lands in testOrigin, which runs here in Node.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: { TACT_KEYS: TEST_KEYS },
        outboundService: testOrigin,
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
  },
});
