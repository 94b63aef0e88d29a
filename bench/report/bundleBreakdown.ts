/**
 * What a bundle is made of, from esbuild's metafile: bytes in the output per
 * package (the Worker's own source counted as "src"), largest first.
 */
import { readFileSync } from "node:fs";

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface Share {
  readonly name: string;
  readonly bytes: number;
}

function inputs(metafile: string): [string, { bytesInOutput: number }][] {
  const meta = JSON.parse(readFileSync(metafile, "utf8")) as Metafile;
  const output = Object.entries(meta.outputs).find(([file]) => file.endsWith(".js"))?.[1];
  return Object.entries(output?.inputs ?? {});
}

/** The largest input files, by bytes in the output; paths from node_modules or the repository root. */
export function largestFiles(metafile: string, count: number): Share[] {
  return inputs(metafile)
    .map(([file, { bytesInOutput }]) => ({
      name: file.replace(/^.*node_modules\//, "").replace(/^(?:\.\.\/)+/, ""),
      bytes: bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

export function bundleBreakdown(metafile: string): Share[] {
  const totals = new Map<string, number>();
  for (const [file, { bytesInOutput }] of inputs(metafile)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const name = pkg ?? (/^(?:\.\.\/)*src\//.test(file) || file.includes("/src/") ? "src (tact's own code)" : file);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
