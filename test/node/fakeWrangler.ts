/**
 * A stand-in for the wrangler runner that keeps KV in memory: `kv key get`,
 * `kv key put --path`, `kv key list` and `kv bulk put`, answered as wrangler
 * answers them (a missing key prints "Value not found"). Every call is kept,
 * so a test can also check which namespace and flags a command used.
 */
import { readFileSync } from "node:fs";
import { EnvironmentError } from "../../tools/cli/CliError";
import type { WranglerRunner } from "../../tools/shared/wrangler";

export interface FakeWrangler {
  readonly run: WranglerRunner;
  readonly calls: string[][];
  /** Namespace (binding name) → key → value. */
  readonly kv: Map<string, Map<string, string>>;
}

function flag(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

/** With `failWith`, every call fails as wrangler failing does (exit 2 for the command). */
export function fakeWrangler(failWith?: string): FakeWrangler {
  const calls: string[][] = [];
  const kv = new Map<string, Map<string, string>>();
  const namespace = (args: readonly string[]) => {
    const binding = flag(args, "--binding") ?? "";
    const found = kv.get(binding) ?? new Map<string, string>();
    kv.set(binding, found);
    return found;
  };
  const answer = (stdout: string) => Promise.resolve({ stdout, stderr: "" });
  const run: WranglerRunner = (args) => {
    calls.push([...args]);
    if (failWith !== undefined) return Promise.reject(new EnvironmentError(failWith));
    const [, noun, verb, subject = ""] = args;
    const store = namespace(args);
    if (noun === "key" && verb === "get") return answer(store.get(subject) ?? "Value not found\n");
    if (noun === "key" && verb === "put") {
      store.set(subject, readFileSync(flag(args, "--path") ?? "", "utf8"));
      return answer("");
    }
    if (noun === "key" && verb === "list") return answer(JSON.stringify([...store.keys()].map((name) => ({ name }))));
    if (noun === "bulk" && verb === "put") {
      const entries = JSON.parse(readFileSync(subject, "utf8")) as { key: string; value: string }[];
      for (const entry of entries) store.set(entry.key, entry.value);
      return answer("");
    }
    return Promise.reject(new Error(`the fake wrangler does not know ${args.join(" ")}`));
  };
  return { run, calls, kv };
}
