import { expect, it } from "vitest";
import { HELD_FIRST_CHUNK, HELD_REST } from "../support/heldPage";
import { get, putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";

it("sends the page's first chunk before the origin has finished", async () => {
  await standardCatalog();
  await putRuleSet(
    ruleset([rule({ page: "/__test/held/:id", slot: { selector: ".product-extras", position: "append" } })]),
  );
  const response = await get("/__test/held/a");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

  // The origin is holding the rest of the page until we release it, so
  // whatever arrives now cannot have waited for the whole body.
  let early = "";
  while (!early.includes("<h1>First</h1>")) {
    const { value, done } = await reader.read();
    expect(done).toBe(false);
    early += value;
  }
  expect(early).toBe(HELD_FIRST_CHUNK);

  await fetch("https://shop.test/__test/release/a");
  let rest = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += value;
  }
  expect(rest).toContain('<div class="product-extras"><section data-tact-rule="test-rule"');
  expect(rest.endsWith(HELD_REST.slice(HELD_REST.indexOf("<p>Rest")))).toBe(true);
});
