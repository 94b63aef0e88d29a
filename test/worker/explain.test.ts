/**
 * "Why did I see this?": the overlay comes only with a signed preview whose
 * token carries the explain claim, says why the slot holds what it holds,
 * escapes whatever the ruleset and catalog hold, and leaves the page as the
 * same preview without it would be, byte for byte.
 */
import { SignJWT } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { signPreview } from "../../src/edges/cookie/preview";
import {
  card,
  cookieFor,
  getWithEnv,
  now,
  putCatalog,
  putRuleSet,
  rule,
  ruleset,
  standardCatalog,
} from "../support/harness";

const SECRET = "preview-secret-for-tests-only-0123456789";
const PAGE = "/__test/fixture/slots";
const PANEL = /<details data-tact-explain[\s\S]*?<\/details>/;

const RULES = [
  rule({ id: "test-rule", priority: 10, strategies: ["popular"], personas: ["returning"] }),
  rule({ id: "other-rule", priority: 0, strategies: ["popular"] }),
];

async function page(token: string | undefined, profile?: string): Promise<string> {
  const cookies = [token && `tact_preview=${token}`, profile && `__Host-tact=${profile}`].filter(Boolean);
  const headers = cookies.length > 0 ? { cookie: cookies.join("; ") } : undefined;
  const response = await getWithEnv(PAGE, { TACT_PREVIEW_SECRET: SECRET }, headers ? { headers } : {});
  expect(response.status).toBe(200);
  return response.text();
}

const explaining = (ttl = 3600, issued = now()) =>
  signPreview({ rule: "test-rule", variant: "baseline", explain: true }, SECRET, ttl, issued);

beforeEach(async () => {
  await standardCatalog();
  await putRuleSet(ruleset(RULES, { personas: { returning: { visits: { atLeast: 2 } } } }));
});

describe("why did I see this?", () => {
  it("explains the slot to a preview that asked for it, leaving the rest of the page as it was", async () => {
    const profile = await cookieFor({ vis: 3 });
    const html = await page(await explaining(), profile);
    const panel = PANEL.exec(html)?.[0] ?? "";
    expect(panel).toContain("Why did I see this?");
    expect(panel).toContain("Profile: yes; established customer: no; program holdout: no");
    expect(panel).toContain("append #slot</b>: rule <b>test-rule</b>");
    expect(panel).toContain("test-rule (priority 10): won: forced by this preview; personas: returning (matched)");
    expect(panel).toContain("other-rule (priority 0): not tried: a rule ranked before it won");
    expect(panel.match(/\]: popular<\/li>/g)).toHaveLength(3);
    expect([...panel].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);

    const plain = await page(
      await signPreview({ rule: "test-rule", variant: "baseline" }, SECRET, 3600, now()),
      profile,
    );
    expect(plain).toContain("data-tact-preview");
    expect(html.replace(PANEL, "")).toBe(plain);
  });

  it("says so on the page that starts the preview", async () => {
    const landing = async (token: string) =>
      (await getWithEnv(`/__tact/preview?token=${token}`, { TACT_PREVIEW_SECRET: SECRET })).text();
    expect(await landing(await explaining())).toContain("Each page will say why it shows what it shows.");
    const plain = await signPreview({ rule: "test-rule", variant: "baseline" }, SECRET, 3600, now());
    expect(await landing(plain)).not.toContain("Each page will say why");
  });

  it("tells a persona that did not match, for a shopper without one", async () => {
    const html = await page(await explaining(), await cookieFor({ vis: 1 }));
    expect(PANEL.exec(html)?.[0]).toContain("personas: returning (not matched)");
  });

  it.each([
    ["a shopper without a preview", async () => undefined],
    ["a preview without explain", () => signPreview({ rule: "test-rule", variant: "baseline" }, SECRET, 3600, now())],
    ["an expired link", () => explaining(60, now() - 600)],
    [
      "a link signed with another secret",
      () => signPreview({ rule: "test-rule", variant: "baseline", explain: true }, `${SECRET}!`, 3600, now()),
    ],
    [
      "a preview with explain added to its claims",
      async () => {
        const [header, , signature] = (
          await signPreview({ rule: "test-rule", variant: "baseline" }, SECRET, 3600, now())
        ).split(".");
        const claims = { rule: "test-rule", variant: "baseline", explain: true, iat: now(), exp: now() + 3600 };
        const forged = btoa(JSON.stringify(claims)).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
        return [header, forged, signature].join(".");
      },
    ],
    [
      "a token of another kind claiming explain",
      () =>
        new SignJWT({ rule: "test-rule", variant: "baseline", explain: true })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuedAt(now())
          .setExpirationTime(now() + 3600)
          .sign(new TextEncoder().encode(SECRET)),
    ],
  ])("shows no explanation to %s", async (_name, make) => {
    const html = await page(await make(), await cookieFor({ vis: 3 }));
    expect(html).toContain("data-tact-rule");
    expect(html).not.toContain("data-tact-explain");
    expect(html).not.toContain("Why did I see this?");
  });

  it("escapes what the catalog and the ruleset hold", async () => {
    const hostile = '</details><script>alert("x")</script>';
    await putCatalog({ popular: { items: ["a", "b", "c"].map((id) => card(id, { title: `${hostile}${id} è` })) } });
    await putRuleSet(
      ruleset([
        rule({
          id: "test-rule",
          strategies: ["popular"],
          slot: { selector: `div[title='${hostile}']`, position: "append" },
        }),
      ]),
    );
    const html = await page(await explaining());
    const panel = PANEL.exec(html)?.[0] ?? "";
    expect(panel).toContain("&lt;/details&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;a &#xe8; [a]: popular");
    expect(panel).toContain("div[title=&#39;&lt;/details&gt;");
    expect(html).not.toContain("<script");
    expect(html.match(/<\/details>/g)).toHaveLength(1);
  });
});
