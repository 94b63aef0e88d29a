/**
 * `push <file>`: publishes a ruleset document to KV, only when it is valid by
 * the Worker's own checks (a document the Worker would partly skip is refused
 * too: a rule that silently never shows is a bug to fix before publishing).
 */
import { CliError } from "../cli/CliError";
import { type Change, diffRuleSets } from "./diffRuleSets";
import { parseJsonText } from "../shared/parseJson";
import type { RuleSetValidator } from "../validate/startValidator";
import type { RuleSetStore } from "./ruleSetStore";
import { checkRuleSetDocument } from "./validateRuleSetDocument";

export interface PushOutcome {
  /** Against what the store held; undefined when it held nothing yet. */
  readonly changes: readonly Change[] | undefined;
  /** False when the store already held this document. */
  readonly written: boolean;
  readonly warnings: readonly string[];
}

export function refusal(source: string, problems: readonly string[]): CliError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new CliError(`refused: ${source} is not valid (${count}):\n  ${problems.join("\n  ")}`);
}

export async function pushRuleSet(
  store: RuleSetStore,
  text: string,
  source: string,
  validator: RuleSetValidator,
): Promise<PushOutcome> {
  const document = parseJsonText(text, source);
  // The Worker parses the stored text with JSON.parse, which refuses a byte-order mark.
  const stored = text.replace(/^\uFEFF/, "");
  const check = await checkRuleSetDocument(stored, validator);
  if (check.problems.length > 0) throw refusal(source, check.problems);

  const current = await store.read();
  let changes: Change[] | undefined;
  if (current !== undefined) {
    let stored: unknown;
    try {
      stored = JSON.parse(current);
    } catch {
      stored = current;
    }
    changes = diffRuleSets(stored, document);
    if (changes.length === 0) return { changes, written: false, warnings: check.warnings };
  }
  await store.write(stored);
  return { changes, written: true, warnings: check.warnings };
}
