/**
 * The copy guard. A recommendation must read as a happy coincidence, so copy
 * that tells the shopper where it came from ("because you viewed…", "perché
 * hai visto…") is refused, in Italian and English. Copy with a personal touch
 * ("Il solito?", "the usual") is allowed only in rules for established
 * customers that ask for it; birthday wishes ("buon compleanno", "tanti
 * auguri", "happy birthday") only where, besides, every persona of the rule
 * requires the shopper's birthday window, so they never reach anyone else.
 */

interface Phrase {
  readonly pattern: RegExp;
  readonly kind: "reveals-source" | "personal" | "birthday";
}

// Matched against text lowercased, without accents and with spaces collapsed.
const PHRASES: readonly Phrase[] = [
  // English
  /\bbecause you(?:'ve| have)? (?:viewed|bought|purchased|looked|searched|browsed|liked|visited|saw|ordered)\b/,
  /\bsince you (?:viewed|bought|purchased|looked|searched|browsed|liked|visited)\b/,
  /\bbased on your\b/,
  /\b(?:recently|previously|last) viewed\b/,
  /\byou (?:recently |just )?(?:viewed|looked at|browsed|searched for|bought)\b/,
  /\bwe (?:noticed|saw|see|know)\b/,
  /\byour (?:browsing|history|recent|past|previous)\b/,
  /\binspired by your\b/,
  // Italian
  /\bperche (?:hai|avete) (?:visto|acquistato|comprato|guardato|cercato|visitato|ordinato)\b/,
  /\bdato che (?:hai|avete)\b/,
  /\bin base (?:a|ai|alle|al|alla) (?:tuoi|tue|tuo|tua|vostri|vostre)\b/,
  /\b(?:visti|visto|viste|vista|guardati) (?:di )?recente(?:mente)?\b/,
  /\b(?:hai|avete) (?:appena )?(?:visto|guardato|cercato|acquistato|comprato)\b/,
  /\babbiamo (?:notato|visto)\b/,
  /\bultim[ie] (?:(?:prodotti|articoli|oggetti) )?(?:visti|viste|guardati|consultati)\b/,
  // No article: "dalla tua", "nelle tue", "dai tuoi" fuse it with a preposition.
  /\btu(?:a|e|oi) (?:cronologia|ricerche|visite|acquisti)\b/,
  /\bispirat[ie] (?:a|ai|alle) tu[oe]i?\b/,
].map((pattern) => ({ pattern, kind: "reveals-source" as const }));

const PERSONAL: readonly Phrase[] = [
  /\bthe usual\b/,
  /\bas always\b/,
  /\bwelcome back\b/,
  /\bil solito\b/,
  /\bcome sempre\b/,
  /\bbentornat[oaie]\b/,
].map((pattern) => ({ pattern, kind: "personal" as const }));

const BIRTHDAY: readonly Phrase[] = [
  /\bhappy (?:birthday|b-?day)\b/,
  /\bmany happy returns\b/,
  /\bbirthday (?:wishes|greetings)\b/,
  /\byour (?:birthday|big day)\b/,
  /\b(?:buon|felice|sereno) compleanno\b/,
  /\btuo compleanno\b/,
  /\baugur(?:i|oni)\b/,
].map((pattern) => ({ pattern, kind: "birthday" as const }));

// Template text is HTML: "Visti&nbsp;di recente" reads as "Visti di recente".
const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: " ",
  amp: "&",
  quot: '"',
  apos: "'",
  rsquo: "'",
  lsquo: "'",
};

function decodeEntities(html: string): string {
  return html
    .replace(/&#(x[0-9a-f]+|\d+);?/gi, (entity, code: string) => {
      const point = code[0] === "x" || code[0] === "X" ? parseInt(code.slice(1), 16) : Number(code);
      return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    })
    .replace(/&([a-z])(?:acute|grave|circ|uml|tilde|ring|cedil);/gi, "$1")
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity);
}

function normalize(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, " "))
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, " ");
}

export interface GuardFinding {
  readonly phrase: string;
  readonly kind: Phrase["kind"];
}

/**
 * The first phrase in `text` the guard refuses, or undefined. Birthday
 * wishes pass only when both personal and birthday copy are allowed.
 */
export function findRevealingCopy(
  text: string,
  allowPersonal: boolean,
  allowBirthday = false,
): GuardFinding | undefined {
  const normalized = normalize(text);
  const phrases = [...PHRASES, ...(allowPersonal ? [] : PERSONAL), ...(allowPersonal && allowBirthday ? [] : BIRTHDAY)];
  for (const { pattern, kind } of phrases) {
    const match = pattern.exec(normalized);
    if (match) return { phrase: match[0], kind };
  }
  return undefined;
}

/** Words for a validation message. */
export function describeFinding(finding: GuardFinding): string {
  if (finding.kind === "reveals-source") return `"${finding.phrase}" tells the shopper where the suggestion came from`;
  if (finding.kind === "personal") {
    return `"${finding.phrase}" shows personal knowledge; only a rule with audience "established" and allowPersonalCopy may say it`;
  }
  return `"${finding.phrase}" wishes a happy birthday; only a rule with audience "established", allowPersonalCopy and personas that all require the birthday fact may say it`;
}
