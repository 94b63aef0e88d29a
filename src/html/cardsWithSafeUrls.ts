/**
 * The last check before catalog values meet a template: a card whose url or
 * image is not a safe URL (isSafeUrl) is dropped when the template puts that
 * field in a URL attribute, and logged. The catalog's schema refuses such
 * cards already; this holds even if an entry slipped past it. A block needs
 * two alternatives: with fewer left, it is not shown at all.
 */
import type { Card } from "../core/catalog/Catalog";
import { log } from "../edges/log";
import type { CompiledTemplate } from "../core/ruleset/template";
import { isSafeUrl } from "../core/ruleset/isSafeUrl";

export function cardsWithSafeUrls(template: CompiledTemplate, cards: readonly Card[], ruleId: string): readonly Card[] {
  const { urlFields } = template;
  if (urlFields.length === 0) return cards;
  const safe = cards.filter((card) => {
    const field = urlFields.find((name) => !isSafeUrl(card[name]));
    if (field) log.warn("block.unsafe-url", { rule: ruleId, item: card.id, field });
    return field === undefined;
  });
  if (safe.length < Math.min(2, cards.length))
    throw new Error(`fewer than two items of rule "${ruleId}" have safe URLs`);
  return safe;
}
