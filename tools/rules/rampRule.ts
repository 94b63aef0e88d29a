/**
 * `ramp <rule> <percent>`: sets the share of eligible shoppers enrolled in a
 * rule's experiment (`experiment.traffic`, 0–100). Bucketing is sticky:
 * raising it only lets more shoppers in, and nobody changes variant; lowering
 * it takes shoppers out (those who stay keep their variant).
 */
import { CliError, UsageError } from "../cli/CliError";
import { findRule } from "./findRule";

/** "25", "25%", "12.5" as a percentage in 0–100. */
export function parsePercent(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent >= 0 && percent <= 100)) throw new UsageError(`"${text}" is not a percentage from 0 to 100`);
  return percent;
}

/** Returns the edited copy; the original is left as it was. */
export function rampRule(document: unknown, id: string, percent: number, source: string): unknown {
  const edited = structuredClone(document);
  const { rule } = findRule(edited, id, source);
  const experiment = rule["experiment"];
  if (typeof experiment !== "object" || experiment === null || Array.isArray(experiment)) {
    throw new CliError(
      `rule "${id}" has no experiment, so there is nothing to ramp; switch the rule itself with \`toggle ${id} on|off\``,
    );
  }
  (experiment as Record<string, unknown>)["traffic"] = percent;
  return edited;
}
