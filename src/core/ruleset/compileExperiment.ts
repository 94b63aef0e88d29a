import type { CompiledExperiment } from "../decide/assign";
import type { VariantChange } from "./CompiledRuleSet";
import type { Experiment } from "./Experiment";
import type { Rule } from "./RuleSet";
import { type CopyAllowance, type RuleContext, checkHeadings, usableTemplate } from "./compileRule";

/** A bandit leaves each variant at least this share unless the rule says otherwise. */
export const DEFAULT_FLOOR = 0.05;

/** The experiment as assignment uses it; its problems go to `problems`. */
export function compileExperiment(
  experiment: Experiment,
  rule: Rule,
  context: RuleContext,
  problems: string[],
  copy: CopyAllowance,
): CompiledExperiment<VariantChange> {
  const path = `${context.path}.experiment`;
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const variants = experiment.variants.map((variant, index) => {
    const where = `${path}.variants[${index}]`;
    const changes = variant.strategies ?? variant.count ?? variant.heading ?? variant.template;
    if (variant.control && changes !== undefined) {
      problems.push(`${where}: a control changes nothing; remove its strategies, count, heading or template`);
    }
    if (variant.strategies?.includes("usual") && rule.audience !== "established") {
      problems.push(`${where}.strategies: "usual" needs the rule's audience to be "established"`);
    }
    if (variant.count !== undefined && variant.count < context.settings.minItems) {
      problems.push(`${where}.count: ${variant.count} is below settings.minItems (${context.settings.minItems})`);
    }
    checkHeadings(variant.heading ?? {}, `${where}.heading`, copy, problems);
    const template =
      variant.template === undefined
        ? undefined
        : usableTemplate(variant.template, `${where}.template`, copy, context, problems);
    return {
      id: variant.id,
      share: variant.weight / total,
      control: variant.control,
      change: variant.control
        ? undefined
        : { strategies: variant.strategies, count: variant.count, heading: variant.heading, template },
    };
  });
  const { namespace } = experiment;
  const bandit =
    experiment.allocation === "bandit"
      ? { metric: experiment.metric ?? "click", floor: experiment.floor ?? DEFAULT_FLOOR, epochs: [] }
      : undefined;
  return {
    bandit,
    key: experiment.key,
    traffic: experiment.traffic / 100,
    variants,
    namespace: namespace && { name: namespace.name, from: namespace.range[0], to: namespace.range[1] },
  };
}
