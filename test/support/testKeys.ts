/** Signing keys used by the test suite only: "next" signs, "prev" still verifies. */
export const NEXT_KEY = "next:dGVzdC1vbmx5LWtleS1uZXh0LTAxMjM0NTY3ODlhYmNkZWY";
export const PREV_KEY = "prev:dGVzdC1vbmx5LWtleS1wcmV2LTAxMjM0NTY3ODlhYmNkZWY";
export const TEST_KEYS = `${NEXT_KEY},${PREV_KEY}`;
