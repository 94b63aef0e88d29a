/**
 * tact: an edge personalization Worker in front of a storefront.
 * /__tact/* is tact's own; every other request goes to the storefront. The
 * Cron Trigger reweights the bandit experiments.
 */
import { Hono } from "hono/tiny";
import { control } from "./edges/control/control";
import { serveStorefront } from "./edges/http/storefront";
import { reweightBandits } from "./edges/bandit/reweightBandits";
import { describeError, log } from "./edges/log";

const app = new Hono<{ Bindings: Env }>();

app.route("/__tact", control);
app.all("*", serveStorefront);

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    try {
      await reweightBandits(env, controller.scheduledTime);
    } catch (error) {
      log.error("bandit.failed", { error: describeError(error) });
    }
  },
} satisfies ExportedHandler<Env>;
