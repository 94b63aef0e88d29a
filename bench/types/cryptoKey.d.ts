// tact's key ring (src/edges/cookie/keyRing.ts) names the Web Crypto CryptoKey type, which the
// bench, type-checked with Node's types rather than the DOM's, knows as webcrypto.CryptoKey.
import type { webcrypto } from "node:crypto";

declare global {
  type CryptoKey = webcrypto.CryptoKey;
}
