import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testOrigin } from "./test/origin/testOrigin.ts";
import { TEST_KEYS } from "./test/support/testKeys.ts";
import { quietHarmlessWorkerdLines } from "./test/support/workerdNoise.ts";

quietHarmlessWorkerdLines();

export default defineConfig({
  test: {
    // Vitest runs one file fewer at a time than there are cores: on a 2-core machine, one.
    // Two let the Node projects run beside the workerd one, which mostly waits on workerd.
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
          // A workerd is started for each worker vitest runs, not for each file: starting one
          // per file cost more than most files' tests. Two files may run at once, in two
          // workerds with a KV store each; each file writes the ruleset and catalog it needs,
          // and the ids it stages on the one test origin are its runtime's own.
          isolate: false,
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
