import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testOrigin } from "./test/origin/testOrigin.ts";
import { TEST_KEYS } from "./test/support/testKeys.ts";
import { assertPoolPatched } from "./test/support/poolPatch.ts";
import { quietHarmlessWorkerdLines } from "./test/support/workerdNoise.ts";

quietHarmlessWorkerdLines();
assertPoolPatched();

export default defineConfig({
  test: {
    // Two files at a time, from any project: the Node tools' files (which wait on wrangler and
    // workerd) beside the worker project's, so the 2-core machine is kept busy from start to end.
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
          // A workerd (one per worker slot, so at most two) carries on from file to file with the
          // Worker's modules imported once; a fresh one per file cost seconds each.
          // workerFileStart.ts empties KV and the isolate's caches before each file, so files
          // still stand alone. This needs the pool patched (see test/support/poolPatch.ts).
          isolate: false,
          setupFiles: ["./test/support/workerFileStart.ts"],
          // Property tests of a few hundred requests outlast the default 5 s on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        // The pure core, in Node. Nothing is mocked, so one process runs file after file.
        test: { name: "core", include: ["test/core/**/*.test.ts"], environment: "node", isolate: false },
      },
      {
        // Node-side tools: seeding, the rules CLI, catalog import. Nothing is mocked and no file
        // changes the process, so files share one (isolate: false), and with it the CLI's
        // validator (workerd, started in seconds on a busy machine; see cliHarness.ts).
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          environment: "node",
          isolate: false,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
