/**
 * The GrowthBook features payload for the peer contender: one running visual
 * experiment whose variation appends the fixed block to the page's slot. All
 * traffic gets the variation (weights 0/1), so every request pays for the
 * mutation, as every tact request pays for its block. The same document is
 * served by the bench origin under /api/features/<client key>, should the SDK
 * ever ask its API host (the runner counts such requests; it expects none).
 */
import { FIXED_BLOCK } from "./fixedBlock";

export const GROWTHBOOK_CLIENT_KEY = "sdk-bench";

export const GROWTHBOOK_PAYLOAD = {
  status: 200,
  features: {},
  experiments: [
    {
      key: "bench-picks",
      changeId: "bench-picks-visual",
      name: "Picks block in the recommendation slot",
      hashAttribute: "id",
      hashVersion: 2,
      seed: "bench-picks",
      phase: "0",
      coverage: 1,
      weights: [0, 1],
      urlPatterns: [{ include: true, type: "regex" as const, pattern: "^/($|products/|category/)" }],
      meta: [
        { key: "0", name: "Control" },
        { key: "1", name: "Picks" },
      ],
      variations: [
        {},
        {
          domMutations: [
            {
              selector: ".home-picks, .product-extras, .category-more",
              action: "append" as const,
              attribute: "html",
              value: FIXED_BLOCK,
            },
          ],
        },
      ] as [
        Record<string, never>,
        { domMutations: { selector: string; action: "append"; attribute: string; value: string }[] },
      ],
    },
  ],
  dateUpdated: "2026-11-23T00:00:00.000Z",
};
