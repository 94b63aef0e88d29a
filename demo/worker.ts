import { demoApp } from "./app";

// Worker entry for `wrangler dev -c demo/wrangler.toml`.
export default demoApp;
