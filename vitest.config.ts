import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testOrigin } from "./test/origin/testOrigin.ts";
import { TEST_KEYS } from "./test/support/testKeys.ts";
import { quietHarmlessWorkerdLines } from "./test/support/workerdNoise.ts";

quietHarmlessWorkerdLines();

export default defineConfig({
  test: {
    // Vitest runs one file fewer at a time than there are cores: on a 2-core machine, one.
    // Two let the core and the Node tools' files run in parallel; the worker project still
    // runs its files one at a time, after them.
    maxWorkers: 2,
    // A passing test's console output is its own business; a failing one's is shown.
    silent: "passed-only",
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
          // Test files share one KV store, and each writes its own ruleset. Each file gets its
          // own workerd: with isolate: false this pool version (0.15) slows down file after file
          // until tests time out (fixed upstream in the pool's later releases).
          fileParallelism: false,
          // Property tests of a few hundred requests outlast the default 5 s on a busy machine.
          testTimeout: 30_000,
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
