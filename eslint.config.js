// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".wrangler/", "**/.wrangler/", "worker-configuration.d.ts", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // The core decides over plain data: no runtime, no I/O, nothing from the edges or the rewrite.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/edges/**", "**/html/**"], message: "src/core imports nothing from src/edges or src/html." },
            { group: ["hono", "hono/*", "jose", "cloudflare:*"], message: "src/core uses no runtime library." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["Request", "Response", "Headers", "HTMLRewriter", "crypto", "caches", "fetch", "console"].map((name) => ({
          name,
          message: "src/core holds no runtime API: the edges pass it plain data.",
        })),
      ],
    },
  },
  {
    // Small pieces: a file holds one concern, a function one step.
    files: ["src/**/*.ts", "tools/**/*.ts", "bench/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 250 }],
      "max-lines-per-function": ["error", { max: 60 }],
    },
  },
  {
    // Tests too are split by topic; a describe block may run longer than a function of the code.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off", "max-lines": ["error", { max: 250 }] },
  },
);
