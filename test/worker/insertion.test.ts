import { beforeEach, describe, expect, it } from "vitest";
import { SLOT_POSITIONS } from "../../src/core/ruleset/RuleSet";
import { card, get, insertedItems, putCatalog, putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";

beforeEach(async () => {
  await standardCatalog();
});

describe("insertion", () => {
  it.each(SLOT_POSITIONS)("inserts the block %s the slot", async (position) => {
    await putRuleSet(ruleset([rule({ slot: { selector: "#slot", position } })]));
    const html = await (await get("/__test/fixture/slots")).text();
    const block = /<section data-tact-rule="test-rule" class="picks">.*?<\/section>/s.exec(html)?.[0];
    expect(block).toBeDefined();
    const slotOpen = '<div id="slot" class="slot">';
    const expected = {
      before: `${block}${slotOpen}<p>contenuto</p></div>`,
      prepend: `${slotOpen}${block}<p>contenuto</p></div>`,
      append: `${slotOpen}<p>contenuto</p>${block}</div>`,
      after: `${slotOpen}<p>contenuto</p></div>${block}`,
    }[position];
    expect(html).toContain(expected);
  });

  it("renders popular items, escaped, with the rule and item markers", async () => {
    await putRuleSet(ruleset([rule({ count: 4 })]));
    const html = await (
      await get("/__test/fixture/nolang", { headers: { "accept-language": "en-GB,en;q=0.9" } })
    ).text();
    expect(insertedItems(html).sort()).toEqual(["p1", "p7", "p8", "p9"]);
    expect(html).toContain("<h2>Worth a look</h2>");
    expect(html).toContain('<li data-tact-item="p9"><a href="/products/p9"><img src="/images/p9.svg" alt="">');
    expect(html).toContain("<b>&#x20ac;12.50</b>");
  });

  it("uses the ruleset's first language when the shopper's is not offered", async () => {
    await putRuleSet(ruleset([rule()]));
    const html = await (await get("/__test/fixture/nolang", { headers: { "accept-language": "de" } })).text();
    expect(html).toContain("<h2>Da non perdere</h2>");
    expect(html).toContain("12,50&#xa0;&#x20ac;");
  });

  it("speaks the page's own language when the ruleset has copy in it", async () => {
    await putRuleSet(ruleset([rule()]));
    const html = await (await get("/__test/fixture/slots", { headers: { "accept-language": "en" } })).text();
    expect(html).toContain("<h2>Da non perdere</h2>");
  });

  it("recommends related items on a product page, never the product itself or what is out of stock", async () => {
    await putRuleSet(ruleset([rule({ count: 3, strategies: ["contextual"] })]));
    const html = await (await get("/__test/product/p1")).text();
    expect(insertedItems(html).sort()).toEqual(["p2", "p3", "p5"]);
  });

  it("fills only the first element a selector matches", async () => {
    await putRuleSet(ruleset([rule({ slot: { selector: ".slot", position: "append" } })]));
    const html = await (await get("/__test/fixture/slots")).text();
    expect(html.match(/data-tact-rule=/g)).toHaveLength(1);
  });

  it("inserts nothing when the slot is not on the page", async () => {
    await putRuleSet(ruleset([rule({ slot: { selector: "#nowhere", position: "append" } })]));
    const html = await (await get("/__test/fixture/slots")).text();
    expect(html).not.toContain("data-tact");
    expect(html).toContain('<div id="slot" class="slot"><p>contenuto</p></div>');
  });

  it("inserts nothing when fewer than two items qualify", async () => {
    await putCatalog({ popular: { items: [card("p9"), card("p8", { inStock: false })] } });
    await putRuleSet(ruleset([rule()]));
    const html = await (await get("/__test/fixture/slots")).text();
    expect(html).not.toContain("data-tact");
  });

  it("escapes catalog text and drops cards with unsafe URLs", async () => {
    await putCatalog({
      popular: {
        items: [
          card("x1", { title: '<script>alert("x")</script> & "quotes"' }),
          card("x2", { url: "javascript:alert(1)" }),
          card("x3", { image: "data:image/svg+xml,<svg onload=alert(1)>" }),
          card("x4", { url: "//evil.example/p" }),
          card("x5", { url: "https://shop.test/products/x5" }),
        ],
      },
    });
    await putRuleSet(ruleset([rule()]));
    const html = await (await get("/__test/fixture/slots")).text();
    expect(insertedItems(html).sort()).toEqual(["x1", "x5"]);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(html).not.toContain("<script>");
  });

  it("serves each rule in its own slot with one catalog read", async () => {
    await putRuleSet(
      ruleset([
        rule({ id: "first" }),
        rule({ id: "second", slot: { selector: "h1", position: "after" }, heading: { it: "Altro" } }),
        rule({ id: "same-slot", heading: { it: "Perde" } }),
      ]),
    );
    const html = await (await get("/__test/fixture/slots")).text();
    expect(html).toContain('data-tact-rule="first"');
    expect(html).toContain('<h1>Pagina di prova</h1><section data-tact-rule="second" class="picks">');
    expect(html).not.toContain("same-slot");
  });

  it("makes the personalized page private to the browser and drops the origin's validators", async () => {
    await putRuleSet(ruleset([rule()]));
    const response = await get("/__test/fixture/slots");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("etag")).toBeNull();
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });
});
