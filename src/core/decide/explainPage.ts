/**
 * Why a page shows what it shows, for a tester's preview with `explain`: per
 * slot, the rules that could have filled it and why each one lost or won,
 * the personas they name and which of them matched, the winner's experiment
 * variant, and which strategy supplied each item. Pure, and worked out only
 * when a signed preview asks for it, after the page was decided: it reads
 * the decisions made and never changes one, so shoppers pay nothing for it.
 */
import type { CatalogView } from "../catalog/CatalogView";
import { isEstablished } from "../profile/tenure";
import type { CompiledRule, CompiledRuleSet } from "../ruleset/compileRuleSet";
import type { Strategy } from "../ruleset/RuleSet";
import { type Block, type Shopper, pickInputFor } from "./decideBlock";
import { type Subject, matchCondition } from "./matchCondition";
import type { Candidates } from "./pageCandidates";
import type { PageView } from "./PageView";
import { itemSources } from "./pickItems";
import { type LeftOut, whyLeftOut } from "./selectRules";

/** Why a rule did or did not fill its slot. */
export type Verdict =
  | "won"
  | "previewed" /* won because the preview forces it */
  | "too-few-items" /* tried before the winner: not enough items for this shopper */
  | "outranked" /* a rule before it in the slot won */
  | "undecided" /* the catalog came too late to decide the slot */
  | "switched-off" /* "enabled": false in the ruleset */
  | LeftOut;

export interface RuleTrace {
  readonly id: string;
  readonly priority: number;
  readonly verdict: Verdict;
  /** The personas the rule names, each with whether it matched this shopper. */
  readonly personas: readonly { readonly name: string; readonly matched: boolean }[];
}

export interface ItemTrace {
  readonly id: string;
  readonly title: string;
  /** The rule's strategy that supplied it; undefined if none can be told. */
  readonly strategy: Strategy | undefined;
  /** Supplied by a strategy after the rule's first: it filled what the first could not. */
  readonly fallback: boolean;
}

export interface SlotTrace {
  readonly selector: string;
  readonly position: string;
  /** Best first: the order the slot tried them in, then the rules left out. */
  readonly rules: readonly RuleTrace[];
  readonly winner: string | undefined;
  /** Why the winner's block is not in the page, when it is not. */
  readonly hidden: "control" | "holdout" | undefined;
  /** The winner's experiment: its variant, or why it is in none. */
  readonly experiment:
    | { readonly key: string; readonly variant: string; readonly share: number; readonly forced: boolean }
    | { readonly key: string; readonly variant: undefined; readonly why: "not-enrolled" | "holdout" }
    | undefined;
  readonly items: readonly ItemTrace[];
}

export interface PageTrace {
  readonly profile: boolean;
  readonly established: boolean;
  readonly holdout: boolean;
  /** The previewed rule is not among the rules in effect (switched off or set aside). */
  readonly previewMissing: boolean;
  readonly slots: readonly SlotTrace[];
}

/** A slot's block as decided, or "late" when it was not decided in time. */
export type SlotOutcome = Block | undefined | "late";

export interface Decided {
  readonly shopper: Shopper;
  readonly catalog: CatalogView | undefined;
  /** One per slot of `candidates.slots`, in the same order. */
  readonly outcomes: readonly SlotOutcome[];
}

function subjectOf(ruleset: CompiledRuleSet, candidates: Candidates, view: PageView): Subject | undefined {
  const { profile, affinities } = candidates;
  if (!profile) return undefined;
  const established = isEstablished(profile, view.now, ruleset.settings.established);
  return { profile, affinities, established, request: view.request, now: view.now };
}

function personasOf(rule: CompiledRule, subject: Subject | undefined): RuleTrace["personas"] {
  const names = rule.personaNames ?? [];
  return names.map((name, i) => {
    const condition = rule.personas?.[i];
    return { name, matched: subject !== undefined && condition !== undefined && matchCondition(condition, subject) };
  });
}

function verdictOf(rule: CompiledRule, index: number, winnerAt: number, outcome: SlotOutcome, view: PageView) {
  if (outcome === "late") return "undecided";
  if (index === winnerAt) return rule.id === view.preview?.rule ? "previewed" : "won";
  return winnerAt >= 0 && index > winnerAt ? "outranked" : "too-few-items";
}

function experimentOf(block: Block, shopper: Shopper, view: PageView): SlotTrace["experiment"] {
  const experiment = block.rule.experiment;
  if (!experiment) return undefined;
  if (block.experiment) {
    const { key, variant, share } = block.experiment;
    return { key, variant, share, forced: view.preview?.rule === block.rule.id };
  }
  return { key: experiment.key, variant: undefined, why: shopper.holdout ? "holdout" : "not-enrolled" };
}

function itemsOf(block: Block, ruleset: CompiledRuleSet, view: PageView, decided: Decided): ItemTrace[] {
  const { catalog, shopper } = decided;
  const sources =
    catalog && itemSources(block.rule, pickInputFor(block.rule, ruleset, view, shopper, catalog), block.items);
  return block.items.map((card) => {
    const strategy = sources?.get(card.id);
    const fallback = strategy !== undefined && block.rule.strategies.indexOf(strategy) > 0;
    return { id: card.id, title: card.title, strategy, fallback };
  });
}

/** The slots of the rules for this page, in document order: those no rule applies to (or only rules switched off) as well. */
function pageSlots(ruleset: CompiledRuleSet, view: PageView): Map<string, CompiledRule[]> {
  const slots = new Map<string, CompiledRule[]>();
  for (const rule of [...ruleset.rules, ...ruleset.switchedOff]) {
    if (!rule.page.match(view.url)) continue;
    const key = `${rule.position} ${rule.selector}`;
    slots.set(key, [...(slots.get(key) ?? []), rule]);
  }
  return slots;
}

export function explainPage(
  ruleset: CompiledRuleSet,
  candidates: Candidates,
  view: PageView,
  decided: Decided,
): PageTrace {
  const subject = subjectOf(ruleset, candidates, view);
  const trace = (rule: CompiledRule, verdict: Verdict): RuleTrace => ({
    id: rule.id,
    priority: rule.priority,
    verdict,
    personas: personasOf(rule, subject),
  });
  const off = new Set(ruleset.switchedOff);
  const slots = [...pageSlots(ruleset, view).values()].map((onPage): SlotTrace => {
    const { selector, position } = onPage[0] as CompiledRule;
    const s = candidates.slots.findIndex((slot) => slot.selector === selector && slot.position === position);
    const tried = candidates.slots[s]?.rules ?? [];
    const outcome = s < 0 ? undefined : decided.outcomes[s];
    const block = outcome === "late" ? undefined : outcome;
    const winnerAt = block ? tried.findIndex((rule) => rule.id === block.rule.id) : -1;
    const leftOut = onPage.filter((rule) => !tried.some((candidate) => candidate.id === rule.id));
    return {
      selector,
      position,
      rules: [
        ...tried.map((rule, i) => trace(rule, verdictOf(rule, i, winnerAt, outcome, view))),
        // A rule for the page is left out only for one of these reasons (selectRules).
        ...leftOut.map((rule) =>
          trace(rule, off.has(rule) ? "switched-off" : (whyLeftOut(rule, subject, view.now) ?? "needs-profile")),
        ),
      ],
      winner: block?.rule.id,
      hidden: block && !block.shown ? (decided.shopper.holdout ? "holdout" : "control") : undefined,
      experiment: block && experimentOf(block, decided.shopper, view),
      items: block ? itemsOf(block, ruleset, view, decided) : [],
    };
  });
  return {
    profile: candidates.profile !== undefined,
    established: subject?.established ?? false,
    holdout: candidates.holdout,
    previewMissing: view.preview !== undefined && !ruleset.rules.some((rule) => rule.id === view.preview?.rule),
    slots,
  };
}
