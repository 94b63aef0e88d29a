/**
 * What the validator inside workerd answers about a ruleset document: every
 * problem as "path: reason", in the Worker's own words, and how many rules the
 * document holds. Checked with valibot where it comes back into Node.
 */
import * as v from "valibot";

export const VerdictSchema = v.object({
  /** Each "path: reason"; the document may be published only without any. */
  problems: v.array(v.string()),
  /** Rules in the document, and how many of them are switched on. */
  rules: v.number(),
  enabled: v.number(),
});
export type Verdict = v.InferOutput<typeof VerdictSchema>;
