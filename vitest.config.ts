import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testOrigin } from "./test/origin/testOrigin.ts";
import { TEST_KEYS } from "./test/support/testKeys.ts";
import { quietHarmlessWorkerdLines } from "./test/support/workerdNoise.ts";

quietHarmlessWorkerdLines();

export default defineConfig({
  test: {
    // Vitest runs one file fewer at a time than there are cores: on a 2-core machine, one.
    // The Node projects' files mostly wait on processes they start (wrangler, workerd).
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
          // One workerd runs every file, one after another: starting one per file cost more
          // than most files' tests. (Two at a time, in two workerds, broke vitest's channel to
          // the runtime between files.) Files share its KV store; each writes the ruleset and
          // catalog it needs. Vitest runs such a project in a group of its own, after the others.
          isolate: false,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
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
