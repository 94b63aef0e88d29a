/**
 * `pull`: the document currently in KV, formatted like the repository's JSON
 * (so it can be edited, diffed and pushed back). A stored text that is not
 * JSON comes back as it is, for someone to repair.
 */
import { CliError } from "../cli/CliError";
import { formatDocument } from "./formatDocument";
import type { RuleSetStore } from "./ruleSetStore";

export async function pullRuleSet(store: RuleSetStore): Promise<string> {
  const text = await store.read();
  if (text === undefined) throw new CliError(`there is no ruleset in ${store.label}`);
  try {
    return await formatDocument(JSON.parse(text));
  } catch {
    return text;
  }
}
