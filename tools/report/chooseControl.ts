/** Which variant of an experiment is the control: from --control, else by name, else the first. */
import type { ExperimentTally } from "./EventTally";

/** --control choices: "variant" for every experiment, or "experiment=variant" for one. */
export interface ControlChoice {
  readonly byExperiment: ReadonlyMap<string, string>;
  readonly everywhere: string | undefined;
}

export function parseControls(values: readonly string[]): ControlChoice {
  const byExperiment = new Map<string, string>();
  let everywhere: string | undefined;
  for (const value of values) {
    const at = value.indexOf("=");
    if (at === -1) everywhere = value;
    else byExperiment.set(value.slice(0, at), value.slice(at + 1));
  }
  return { byExperiment, everywhere };
}

/** The control's id and how it was chosen, in words; a note when --control named no variant here. */
export function chooseControl(tally: ExperimentTally, choice: ControlChoice, notes: string[]): [string, string] {
  const ids = tally.variants.map((variant) => variant.variant);
  const asked = choice.byExperiment.get(tally.experiment) ?? choice.everywhere;
  if (asked !== undefined) {
    if (ids.includes(asked)) return [asked, "--control"];
    if (choice.byExperiment.has(tally.experiment)) notes.push(`--control ${asked}: no such variant here`);
  }
  for (const name of ["control", "holdout"]) {
    if (ids.includes(name)) return [name, `the variant named "${name}"`];
  }
  const first = ids[0] ?? "";
  return [first, `first alphabetically (no variant is named "control"; choose one with --control)`];
}
