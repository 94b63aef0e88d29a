/**
 * A readable, structural diff of two ruleset documents, one line per change,
 * named by path:
 *
 *   ~ rules[2].experiment.traffic: 20 → 50  (rule "home-picks")
 *   + rules[4]: {"id":"new-rule",…}
 *   - personas.from-newsletter: {"utmSource":["newsletter"]}
 *   ~ rules (order): home-picks, home-usual → home-usual, home-picks
 *
 * Lists whose items all carry a distinct `id` (rules, variants) are matched by
 * id, so inserting a rule shows one addition rather than every later rule
 * "changing"; a change of order, which matters for ties, is its own line.
 * Paths use the index in the new document (in the old one for removals).
 */

export interface Change {
  readonly kind: "~" | "+" | "-";
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Which rule (and variant) the path is inside, for readers who think in ids. */
  readonly within?: string;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

/** The ids of a list whose items are all objects with distinct string ids; undefined otherwise. */
function idsOf(list: readonly unknown[]): string[] | undefined {
  const ids = list.map((item) => (isObject(item) && typeof item["id"] === "string" ? item["id"] : undefined));
  if (ids.some((id) => id === undefined)) return undefined;
  const strings = ids as string[];
  return new Set(strings).size === strings.length ? strings : undefined;
}

const SINGULAR: Readonly<Record<string, string>> = { rules: "rule", variants: "variant" };

function label(listPath: string, id: string): string {
  const name =
    listPath
      .split(".")
      .at(-1)
      ?.replace(/\[\d+\]$/, "") ?? "";
  return `${SINGULAR[name] ?? "item"} "${id}"`;
}

function diffValue(path: string, a: unknown, b: unknown, within: string | undefined, out: Change[]): void {
  if (equal(a, b)) return;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const note = within === undefined ? {} : { within };
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (!(key in b)) out.push({ kind: "-", path: at(key), before: a[key], ...note });
      else diffValue(at(key), a[key], b[key], within, out);
    }
    for (const key of Object.keys(b)) {
      if (!(key in a)) out.push({ kind: "+", path: at(key), after: b[key], ...note });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const idsA = idsOf(a);
    const idsB = idsOf(b);
    if (idsA && idsB && (idsA.length > 0 || idsB.length > 0)) {
      const inner = (id: string) => [within, label(path, id)].filter(Boolean).join(", ");
      idsB.forEach((id, index) => {
        const old = idsA.indexOf(id);
        if (old === -1) out.push({ kind: "+", path: `${path}[${index}]`, after: b[index], ...note });
        else diffValue(`${path}[${index}]`, a[old], b[index], inner(id), out);
      });
      idsA.forEach((id, index) => {
        if (!idsB.includes(id)) out.push({ kind: "-", path: `${path}[${index}]`, before: a[index], ...note });
      });
      const keptA = idsA.filter((id) => idsB.includes(id));
      const keptB = idsB.filter((id) => idsA.includes(id));
      if (!equal(keptA, keptB)) {
        out.push({ kind: "~", path: `${path} (order)`, before: keptA.join(", "), after: keptB.join(", "), ...note });
      }
      return;
    }
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diffValue(`${path}[${i}]`, a[i], b[i], within, out);
    for (let i = common; i < b.length; i++) out.push({ kind: "+", path: `${path}[${i}]`, after: b[i], ...note });
    for (let i = common; i < a.length; i++) out.push({ kind: "-", path: `${path}[${i}]`, before: a[i], ...note });
    return;
  }
  out.push({ kind: "~", path: path || "document", before: a, after: b, ...note });
}

/** The changes that turn `before` into `after`. */
export function diffRuleSets(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  diffValue("", before, after, undefined, changes);
  return changes;
}

const MAX_VALUE_LENGTH = 72;

function show(value: unknown): string {
  const text = JSON.stringify(value as Json) ?? "undefined";
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export function formatChange(change: Change): string {
  const where = change.within ? `  (${change.within})` : "";
  if (change.kind === "+") return `+ ${change.path}: ${show(change.after)}${where}`;
  if (change.kind === "-") return `- ${change.path}: ${show(change.before)}${where}`;
  if (change.path.endsWith(" (order)")) return `~ ${change.path}: ${change.before} → ${change.after}${where}`;
  return `~ ${change.path}: ${show(change.before)} → ${show(change.after)}${where}`;
}
