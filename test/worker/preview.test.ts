import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signPreview, verifyPreview } from "../../src/edges/cookie/preview";

const SECRET = "preview-secret-for-tests-only-0123456789";
const NOW = 1_795_000_000;

describe("preview tokens", () => {
  it("accepts a valid token and names the rule and variant", async () => {
    const token = await signPreview({ rule: "home-for-you", variant: "treatment" }, SECRET, 3600, NOW);
    expect(await verifyPreview(token, SECRET, NOW + 60)).toEqual({
      ok: true,
      preview: { rule: "home-for-you", variant: "treatment", iat: NOW, exp: NOW + 3600 },
    });
  });

  it.each([
    ["expired", async () => signPreview({ rule: "r", variant: "v" }, SECRET, 60, NOW - 120), "expired"],
    [
      "tampered",
      async () => {
        const [header, , signature] = (await signPreview({ rule: "r", variant: "v" }, SECRET, 3600, NOW)).split(".");
        const forged = btoa(JSON.stringify({ rule: "r", variant: "other", exp: NOW + 3600 })).replace(/=+$/, "");
        return [header, forged, signature].join(".");
      },
      "invalid",
    ],
    [
      "signed with another secret",
      async () => signPreview({ rule: "r", variant: "v" }, `${SECRET}-other`, 3600, NOW),
      "invalid",
    ],
    [
      "not a preview token",
      async () =>
        new SignJWT({ rule: "r", variant: "v" })
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime(NOW + 60)
          .sign(new TextEncoder().encode(SECRET)),
      "invalid",
    ],
    ["garbage", async () => "not.a.token", "invalid"],
  ])("refuses a token that is %s", async (_name, make, reason) => {
    expect(await verifyPreview(await make(), SECRET, NOW)).toEqual({ ok: false, reason });
  });

  it("refuses everything when no secret is configured", async () => {
    const token = await signPreview({ rule: "r", variant: "v" }, SECRET, 3600, NOW);
    expect(await verifyPreview(token, undefined, NOW)).toEqual({ ok: false, reason: "no-secret" });
    expect(await verifyPreview(token, "short", NOW)).toEqual({ ok: false, reason: "no-secret" });
  });
});
