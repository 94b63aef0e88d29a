/**
 * The "Why did I see this?" panel of a preview that asked for it: a small
 * fixed box at the end of <body>, folded into a <details> so it never hides
 * the page for long, with no script. Every name in it (rule ids, personas,
 * selectors, item titles) comes from the ruleset or the catalog and is
 * escaped; the ledger makes it ASCII like any block.
 */
import type { PageTrace, RuleTrace, SlotTrace, Verdict } from "../core/decide/explainPage";
import { escapeHtml } from "./escapeHtml";

const VERDICTS: Readonly<Record<Verdict, string>> = {
  won: "won: the first rule, best first, with enough items",
  previewed: "won: forced by this preview",
  "too-few-items": "tried first, but too few items for this shopper",
  outranked: "not tried: a rule ranked before it won",
  undecided: "not decided: the catalog came too late",
  "switched-off": "left out: switched off",
  "needs-profile": "left out: needs a profile (personas, audience or cap), and this browser has none",
  "established-only": "left out: for established customers only",
  "no-persona": "left out: none of its personas matched",
  capped: "left out: its frequency cap is reached",
};

const PANEL_STYLE =
  "position:fixed;left:12px;bottom:12px;z-index:2147483647;max-width:min(440px,90vw);max-height:60vh;" +
  "overflow:auto;background:#fff;color:#222;border:1px solid #888;border-radius:6px;padding:6px 10px;" +
  "font:12px/1.4 system-ui,sans-serif;text-align:left";

const yesNo = (value: boolean) => (value ? "yes" : "no");

function personas(list: RuleTrace["personas"]): string {
  if (list.length === 0) return "";
  const named = list.map(({ name, matched }) => `${escapeHtml(name)} (${matched ? "matched" : "not matched"})`);
  return `; personas: ${named.join(", ")}`;
}

function experiment(slot: SlotTrace): string {
  const { experiment: test } = slot;
  if (!test) return "";
  const key = escapeHtml(test.key);
  if (test.variant === undefined) {
    const why = test.why === "holdout" ? "in the program holdout" : "not enrolled (outside its traffic)";
    return `<br>Experiment ${key}: ${why}, so the rule as written`;
  }
  const how = test.forced ? "forced by this preview" : `assigned, share ${Math.round(test.share * 100)}%`;
  return `<br>Experiment ${key}: variant <b>${escapeHtml(test.variant)}</b> (${how})`;
}

function winner(slot: SlotTrace): string {
  if (slot.winner === undefined) return "nothing";
  const hidden = {
    control: " (a control: measured, not shown)",
    holdout: " (program holdout: decided, not shown)",
  };
  return `rule <b>${escapeHtml(slot.winner)}</b>${slot.hidden ? hidden[slot.hidden] : ""}`;
}

function slotSection(slot: SlotTrace): string {
  const rules = slot.rules
    .map(
      (rule) =>
        `<li>${escapeHtml(rule.id)} (priority ${rule.priority}): ${VERDICTS[rule.verdict]}${personas(rule.personas)}</li>`,
    )
    .join("");
  const items = slot.items
    .map((item) => {
      const source =
        item.strategy === undefined ? "source unknown" : `${item.strategy}${item.fallback ? " (fallback)" : ""}`;
      return `<li>${escapeHtml(item.title)} [${escapeHtml(item.id)}]: ${source}</li>`;
    })
    .join("");
  return (
    `<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">` +
    `<b>${escapeHtml(slot.position)} ${escapeHtml(slot.selector)}</b>: ${winner(slot)}${experiment(slot)}` +
    `<ol style="margin:2px 0;padding-left:18px">${rules}</ol>` +
    (items ? `Items:<ul style="margin:2px 0;padding-left:18px">${items}</ul>` : "") +
    `</div>`
  );
}

export function explainPanel(trace: PageTrace): string {
  const shopper =
    `Profile: ${yesNo(trace.profile)}; established customer: ${yesNo(trace.established)}; ` +
    `program holdout: ${yesNo(trace.holdout)}`;
  const missing = trace.previewMissing
    ? `<br><b>The previewed rule is not in effect</b> (switched off, or set aside as invalid).`
    : "";
  const slots = trace.slots.length > 0 ? trace.slots.map(slotSection).join("") : "<br>No rule is for this page.";
  return (
    `<details data-tact-explain open style="${PANEL_STYLE}"><summary style="cursor:pointer">` +
    `<b>Why did I see this?</b></summary>${shopper}${missing}${slots}</details>`
  );
}
