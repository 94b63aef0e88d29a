/**
 * The panel escapes every name it shows, even those the ruleset's validation
 * would never let through (rule ids, persona names, experiment keys): it adds
 * no element but its own.
 */
import { describe, expect, it } from "vitest";
import type { PageTrace } from "../../src/core/decide/explainPage";
import { explainPanel } from "../../src/html/explainPanel";

const HOSTILE = `"'><img src=x onerror=alert(1)></details><script>x</script>`;

const trace: PageTrace = {
  profile: true,
  established: true,
  holdout: false,
  previewMissing: true,
  slots: [
    {
      selector: HOSTILE,
      position: "append",
      rules: [
        { id: HOSTILE, priority: 3, verdict: "won", personas: [{ name: HOSTILE, matched: true }] },
        { id: `${HOSTILE}2`, priority: 1, verdict: "no-persona", personas: [{ name: HOSTILE, matched: false }] },
      ],
      winner: HOSTILE,
      hidden: "control",
      experiment: { key: HOSTILE, variant: HOSTILE, share: 0.25, forced: false },
      items: [{ id: HOSTILE, title: HOSTILE, strategy: "popular", fallback: true }],
    },
  ],
};

describe("explainPanel", () => {
  it("adds no element but its own, whatever the names hold", () => {
    const html = explainPanel(trace);
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z]+)/g)].map((match) => match[1]));
    expect([...tags].sort()).toEqual(["b", "br", "details", "div", "li", "ol", "summary", "ul"]);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("variant <b>&quot;&#39;&gt;&lt;img");
    expect(html).toContain("(a control: measured, not shown)");
    expect(html).toContain("assigned, share 25%");
    expect(html).toContain("popular (fallback)");
    expect(html).toContain("The previewed rule is not in effect");
  });
});
