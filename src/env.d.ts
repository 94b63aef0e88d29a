// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
// Set them with `wrangler secret put` (see README, "Configuration").
declare namespace Cloudflare {
  interface Env {
    /** Cookie signing keys, newest first: "kid:base64url,kid:base64url". */
    TACT_KEYS?: string;
  }
}
