/**
 * Builds a Worker the way it ships: `wrangler deploy --dry-run --outdir`, with
 * its own wrangler config. Reports the bundle's size raw and gzipped, and the
 * gzipped size of a minified build too, so sizes compare like for like.
 */
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runWrangler } from "../../tools/shared/wrangler";

export interface Bundle {
  /** The built module, as wrangler would upload it. */
  readonly script: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The same Worker built with --minify (when asked for). */
  readonly minifiedGzipBytes: number | undefined;
  /** esbuild's metafiles of the shipped and the minified build. */
  readonly metafile: string;
  readonly minifiedMetafile: string | undefined;
}

export interface BuildOptions {
  readonly config: string;
  readonly outdir: string;
  /** Replaces the config's `main`: the same config and bindings, another entry point. */
  readonly entry?: string;
  readonly minified?: boolean;
  /** Builds without minifying whatever the config says (for profiles that name functions). */
  readonly readable?: boolean;
}

async function build(options: BuildOptions, outdir: string, extra: readonly string[]): Promise<string> {
  await rm(outdir, { recursive: true, force: true });
  const entry = options.entry ? [options.entry] : [];
  // --env= picks the top-level config, as `npm run deploy:dry-run` does.
  await runWrangler(["deploy", "--dry-run", "--env=", "-c", options.config, ...entry, "--outdir", outdir, ...extra]);
  const script = (await readdir(outdir)).find((file) => file.endsWith(".js"));
  if (!script) throw new Error(`wrangler built nothing from ${options.config} into ${outdir}`);
  return join(outdir, script);
}

const gzipSize = async (file: string): Promise<number> => gzipSync(await readFile(file)).length;

export async function buildBundle(options: BuildOptions): Promise<Bundle> {
  const metafile = join(options.outdir, "meta.json");
  const readable = options.readable ? ["--minify=false"] : [];
  const script = await build(options, options.outdir, ["--metafile", metafile, ...readable]);
  let minified: { script: string; metafile: string } | undefined;
  if (options.minified) {
    const outdir = `${options.outdir}-min`;
    const minifiedMetafile = join(outdir, "meta.json");
    minified = {
      script: await build(options, outdir, ["--minify", "--metafile", minifiedMetafile]),
      metafile: minifiedMetafile,
    };
  }
  return {
    script,
    bytes: (await readFile(script)).length,
    gzipBytes: await gzipSize(script),
    minifiedGzipBytes: minified && (await gzipSize(minified.script)),
    metafile,
    minifiedMetafile: minified?.metafile,
  };
}
