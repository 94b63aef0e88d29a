import { demoApp } from "./app.ts";

// Worker entry for `wrangler dev -c demo/wrangler.toml`.
export default demoApp;
