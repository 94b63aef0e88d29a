// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
// Set them with `wrangler secret put` (see docs/configuration.md, "Secrets").
declare namespace Cloudflare {
  interface Env {
    /** Cookie signing keys, newest first: "kid:base64url,kid:base64url". */
    TACT_KEYS?: string;
    /** Secret for preview links: `npm run rules -- preview-link` signs with it. */
    TACT_PREVIEW_SECRET?: string;
    /** Bearer token (≥ 32 characters) that unlocks /__tact/health's details. */
    TACT_HEALTH_TOKEN?: string;
    /**
     * Optional Workers Analytics Engine dataset for events; without it events
     * are logged. Add `[[analytics_engine_datasets]]` with this binding to use it.
     */
    TACT_EVENTS?: AnalyticsEngineDataset;
  }
}
