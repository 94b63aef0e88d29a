/**
 * A new shopper's anonymous id: 128 random bits, base64url. It is used only
 * to keep a shopper in the same experiment variant from page to page.
 */
import { base64url } from "jose";

export function newShopperId(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(16)));
}
