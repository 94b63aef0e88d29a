/**
 * The picture of the report in docs/experiments.md: simulated demo events (a
 * three-variant experiment and the program holdout, seeded, so the picture
 * only changes when the report does) read by `tact report`, its HTML page
 * rendered by headless Chromium to docs/screenshots/report.png.
 *
 *   npx tsx test/browser/reportPicture.ts [events.jsonl]
 *
 * Also writes the demo events (to the path given, or a temporary file), for
 * trying the report by hand: npx tact report --events <that file>.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runReport } from "../../tools/report/reportCommand";
import { asLog, seededUniform, simulateExperiment } from "../support/simulateExperiment";
import { launchChromium } from "./chromium";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** 2026-11-23 12:00 UTC, the report's "now". */
const NOW = 1_795_435_200;
const DAYS = 14;

function demoEvents(): string {
  const uniform = seededUniform(2026);
  const start = NOW - DAYS * 86_400;
  const experiment = simulateExperiment(
    {
      experiment: "category-more-mix",
      rule: "category-more",
      shoppers: 12_000,
      days: DAYS,
      start,
      variants: [
        { id: "control", share: 34, ctr: 0.08, conversion: 0.04 },
        { id: "related-first", share: 33, ctr: 0.105, conversion: 0.046 },
        { id: "popular-first", share: 33, ctr: 0.082, conversion: 0.039 },
      ],
    },
    uniform,
  );
  const holdout = simulateExperiment(
    {
      experiment: "program-2026",
      rule: "",
      shoppers: 40_000,
      days: DAYS,
      start,
      variants: [
        { id: "holdout", share: 10, ctr: 0, conversion: 0.034, hidden: true },
        { id: "personalized", share: 90, ctr: 0, conversion: 0.042 },
      ],
    },
    uniform,
  );
  return asLog([...experiment, ...holdout]);
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), "tact-report-picture-"));
  try {
    const events = process.argv[2] ? resolve(process.argv[2]) : join(scratch, "demo-events.jsonl");
    await writeFile(events, demoEvents());
    const html = join(scratch, "report.html");
    const args = ["--events", basename(events), "--html", html, "--primary", "ctr", "--guardrail", "conversion"];
    const io = { out: () => {}, err: () => {}, env: {}, cwd: dirname(events), now: () => NOW, fetch };
    if ((await runReport(args, io)) !== 0) throw new Error("tact report failed");
    const chromium = await launchChromium({ locale: "en-GB" });
    try {
      const page = await chromium.context.newPage();
      await page.setViewportSize({ width: 1320, height: 900 });
      await page.goto(`file://${html}`);
      const out = join(root, "docs/screenshots/report.png");
      // The experiments, not the closing notes on method (docs/experiments.md says it all in full).
      const last = page.locator("section").nth(-2);
      const box = await last.boundingBox();
      const height = Math.ceil((box?.y ?? 2000) + (box?.height ?? 0) + 16);
      await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1320, height } });
      console.error(`wrote ${out} from ${events}`);
    } finally {
      await chromium.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
