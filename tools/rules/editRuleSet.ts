/**
 * The edit cycle behind `toggle` and `ramp`: read the document (from KV or a
 * file), change it, validate it, write it back, and say what changed.
 *
 * An edit is refused when it would add a problem. Problems already in the
 * stored document are reported but do not block it, so a rule can always be
 * switched off in a hurry even when someone left another rule broken (the
 * Worker skips that one either way).
 */
import { CliError } from "../cli/CliError";
import { type Change, diffRuleSets } from "./diffRuleSets";
import { formatDocument } from "./formatDocument";
import { parseJsonText } from "../shared/parseJson";
import type { RuleSetValidator } from "../validate/startValidator";
import type { RuleSetStore } from "./ruleSetStore";
import { checkRuleSetDocument } from "./validateRuleSetDocument";

export interface EditOutcome {
  readonly changes: readonly Change[];
  /** False when the document already said so: nothing was written. */
  readonly written: boolean;
  /** Problems the stored document had before, and still has. */
  readonly existingProblems: readonly string[];
}

export async function editRuleSet(
  store: RuleSetStore,
  edit: (document: unknown) => unknown,
  validator: RuleSetValidator,
  formatPath?: string,
): Promise<EditOutcome> {
  const text = await store.read();
  if (text === undefined) throw new CliError(`there is no ruleset in ${store.label} yet; push one first`);
  const document = parseJsonText(text, store.label);
  const edited = edit(document);
  const changes = diffRuleSets(document, edited);
  const before = new Set((await checkRuleSetDocument(text.replace(/^\uFEFF/, ""), validator)).problems);
  if (changes.length === 0) return { changes, written: false, existingProblems: [...before] };

  const formatted = await formatDocument(edited, formatPath);
  const after = (await checkRuleSetDocument(formatted, validator)).problems;
  const added = after.filter((problem) => !before.has(problem));
  if (added.length > 0) {
    throw new CliError(`refused: the change would make the ruleset invalid:\n  ${added.join("\n  ")}`);
  }
  await store.write(formatted);
  return { changes, written: true, existingProblems: after };
}
