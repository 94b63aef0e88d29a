/**
 * Headless Chromium for the browser test: Debian's build (not one downloaded
 * by Playwright), driven by playwright-core, with a throwaway profile so no
 * cookie or cache survives from one run to the next.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * A desktop Chrome's user agent: headless Chromium's own names it
 * "HeadlessChrome", which tact, like any bot list, takes for a bot and leaves alone.
 */
const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** Quiet, offline, deterministic: nothing but the pages under test goes over the network. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile; safe to call more than once. */
  close(): Promise<void>;
}

export async function launchChromium(options: { locale: string }): Promise<Chromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), "tact-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      userAgent: DESKTOP_CHROME,
      viewport: { width: 1200, height: 900 },
      locale: options.locale,
      timezoneId: "Europe/Rome",
      reducedMotion: "reduce",
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    context,
    close: () =>
      (closing ??= context
        .close()
        .catch(() => undefined)
        .then(() => rm(userDataDir, { recursive: true, force: true }))),
  };
}
