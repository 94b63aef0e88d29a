/**
 * tact: an edge personalization Worker in front of a storefront.
 * /__tact/* is tact's own; every other request goes to the storefront.
 */
import { Hono } from "hono/tiny";
import { control } from "./edges/control/control";
import { serveStorefront } from "./edges/http/storefront";

const app = new Hono<{ Bindings: Env }>();

app.route("/__tact", control);
app.all("*", serveStorefront);

export default app;
