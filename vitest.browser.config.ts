import { defineConfig } from "vitest/config";

/**
 * The real-browser test (`npm run test:browser`): plain Node, where it starts
 * the local stack and drives Debian's Chromium. Kept apart from
 * vitest.config.ts, whose tests run inside workerd.
 */
export default defineConfig({
  test: {
    name: "browser",
    include: ["test/browser/**/*.e2e.ts"],
    environment: "node",
    // One shopper's visit, one stack: nothing runs in parallel.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 150_000,
    reporters: ["verbose"],
  },
});
