// Secrets are not in wrangler.toml, and `npm run cf-typegen` keeps those of a
// .dev.vars out of the generated types (tools/dev/workerTypes.ts), so they are
// declared here, optional, as the Worker reads them. Set them with
// `wrangler secret put`, or for `npm start` in .dev.vars (see .dev.vars.example and
// docs/configuration.md, "Secrets").
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
