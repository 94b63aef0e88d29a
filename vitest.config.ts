import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testOrigin } from "./test/origin/testOrigin.ts";
import { TEST_KEYS } from "./test/support/testKeys.ts";

export default defineConfig({
  test: {
    projects: [
      {
        // The Worker, inside workerd, with the bindings from wrangler.toml.
        // Every fetch it makes to its origin lands in testOrigin, here in Node.
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
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          // Test files share one KV store, and each writes its own ruleset.
          fileParallelism: false,
        },
      },
      {
        // The pure core, in Node: no runtime, so files run in parallel.
        test: { name: "core", include: ["test/core/**/*.test.ts"], environment: "node" },
      },
      {
        // Node-side tools: seeding, the rules CLI, catalog import. A file's first
        // validation starts workerd (the CLI's validator), which takes seconds on a busy machine.
        test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
    ],
  },
});
