/**
 * The bandit's weights from KV (BANDIT_KEY). Missing or invalid weights are
 * no weights: every shopper is placed with the ruleset's own, and the
 * problem is logged. A failed read is told apart (text undefined), so that a
 * copy already loaded is kept rather than dropped.
 */
import * as v from "valibot";
import {
  BANDIT_KEY,
  type BanditWeights,
  BanditWeightsSchema,
  NO_BANDIT_WEIGHTS,
} from "../../core/ruleset/BanditWeights";
import { describeError, log } from "../log";

export async function readBanditWeights(
  kv: KVNamespace,
  cacheTtl?: number,
): Promise<{ text: string | null | undefined; weights: BanditWeights }> {
  let text: string | null;
  try {
    text = await kv.get(BANDIT_KEY, { type: "text", ...(cacheTtl === undefined ? {} : { cacheTtl }) });
  } catch (error) {
    log.error("bandit.kv-error", { error: describeError(error) });
    return { text: undefined, weights: NO_BANDIT_WEIGHTS };
  }
  if (text === null) return { text, weights: NO_BANDIT_WEIGHTS };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  const parsed = v.safeParse(BanditWeightsSchema, document);
  if (parsed.success) return { text, weights: parsed.output };
  log.error("bandit.invalid", { key: BANDIT_KEY, reasons: parsed.issues.map((issue) => issue.message).slice(0, 5) });
  return { text, weights: NO_BANDIT_WEIGHTS };
}
