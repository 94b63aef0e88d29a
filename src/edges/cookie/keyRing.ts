/**
 * Cookie signing keys. The TACT_KEYS secret holds one or more `kid:secret`
 * entries, newest first: the first signs, all of them verify, so a key can be
 * rotated in without logging anyone out and dropped later (docs/configuration.md,
 * "Rotate the signing keys"). Imported CryptoKeys are cached per secret value: importing on every
 * request would cost more than the HMAC itself.
 */
import { base64url } from "jose";

export interface KeyRing {
  readonly signing: { readonly kid: string; readonly key: CryptoKey };
  readonly byKid: ReadonlyMap<string, CryptoKey>;
}

export type KeyRingResult =
  | { readonly ok: true; readonly ring: KeyRing; readonly dev: boolean }
  | { readonly ok: false; readonly reason: string };

/** Shortest accepted secret: HS256 wants at least as many bytes as its output. */
export const MIN_SECRET_BYTES = 32;

/**
 * The development key. It is public (it is in this file), so it is accepted only
 * for requests to a loopback host such as http://localhost:8787.
 */
export const DEV_KEYS = "dev:dGFjdC1kZXZlbG9wbWVudC1rZXktbm90LWZvci1wcm9kdWN0aW9u";
const DEV_KID = "dev";

const KID = /^[A-Za-z0-9_.-]{1,32}$/;

interface KeyEntry {
  readonly kid: string;
  readonly secret: Uint8Array;
}

/** Parses a TACT_KEYS value; the error names the bad entry without its secret. */
export function parseKeys(value: string): { ok: true; entries: KeyEntry[] } | { ok: false; reason: string } {
  const parts = value.split(/[\s,]+/).filter((part) => part !== "");
  if (parts.length === 0) return { ok: false, reason: "TACT_KEYS is empty" };
  const entries: KeyEntry[] = [];
  for (const [index, part] of parts.entries()) {
    const colon = part.indexOf(":");
    const kid = part.slice(0, colon);
    if (colon < 0 || !KID.test(kid)) {
      return { ok: false, reason: `TACT_KEYS entry ${index + 1} must look like "kid:base64url-secret"` };
    }
    let secret: Uint8Array;
    try {
      secret = base64url.decode(part.slice(colon + 1));
    } catch {
      return { ok: false, reason: `TACT_KEYS key "${kid}" is not base64url` };
    }
    if (secret.byteLength < MIN_SECRET_BYTES) {
      return { ok: false, reason: `TACT_KEYS key "${kid}" is shorter than ${MIN_SECRET_BYTES} bytes` };
    }
    if (entries.some((entry) => entry.kid === kid)) {
      return { ok: false, reason: `TACT_KEYS names key "${kid}" twice` };
    }
    entries.push({ kid, secret });
  }
  return { ok: true, entries };
}

async function importRing(entries: readonly KeyEntry[]): Promise<KeyRing> {
  const keys = await Promise.all(
    entries.map(async ({ kid, secret }) => {
      const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, [
        "sign",
        "verify",
      ]);
      return [kid, key] as const;
    }),
  );
  const [first] = keys;
  if (!first) throw new Error("no keys to import");
  return { signing: { kid: first[0], key: first[1] }, byKid: new Map(keys) };
}

let cache: { secret: string; ring: Promise<KeyRingResult> } | undefined;

/**
 * Resolves the key ring for one request. Outside loopback hosts a missing
 * TACT_KEYS or the public dev key is refused: tact then serves pages untouched
 * rather than hand out cookies anyone could forge.
 */
export function loadKeyRing(secret: string | undefined, local: boolean): Promise<KeyRingResult> {
  const value = secret?.trim() || (local ? DEV_KEYS : "");
  if (value === "") {
    return Promise.resolve({ ok: false, reason: "TACT_KEYS is not set; run `wrangler secret put TACT_KEYS`" });
  }
  if (cache?.secret !== value) {
    cache = { secret: value, ring: buildRing(value) };
  }
  return cache.ring.then((result) =>
    result.ok && result.dev && !local
      ? { ok: false, reason: "the public development key is configured outside local development" }
      : result,
  );
}

async function buildRing(value: string): Promise<KeyRingResult> {
  const parsed = parseKeys(value);
  if (!parsed.ok) return parsed;
  const dev = parsed.entries.some((entry) => entry.kid === DEV_KID || isDevSecret(entry.secret));
  return { ok: true, ring: await importRing(parsed.entries), dev };
}

const devSecret = base64url.decode(DEV_KEYS.slice(DEV_KID.length + 1));

function isDevSecret(secret: Uint8Array): boolean {
  return secret.byteLength === devSecret.byteLength && secret.every((byte, i) => byte === devSecret[i]);
}

/** True for hosts only this machine can reach: where the dev key is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}
