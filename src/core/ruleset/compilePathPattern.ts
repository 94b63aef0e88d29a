/**
 * URL path patterns ("/products/:id") for rules and settings.pages. Rule
 * authors write them and one runs against every page request, so the
 * grammar is small enough that matching is one pass over the path, whatever
 * the pattern and the path:
 *
 *   pattern = "/" segment *( "/" segment )
 *   segment = literal | [literal] ":" name [literal] | [literal] "*"
 *
 * A literal holds letters, digits, - . _ ~ ! $ & ' , ; = @ and %XX escapes
 * (compared as the path spells them). `:name` stands for the rest of one
 * non-empty path segment ("/p/:id.html"); `*`, at most once and at the end
 * of its segment, for anything up to the segments after it ("/shop/*"
 * matches "/shop/" and "/shop/a/b", not "/shop"; "/p/sale-*" matches
 * "/p/sale-1"). These are URLPattern's meanings, minus what can backtrack:
 * regular expressions, groups and modifiers (`(…)`, `{…}`, `?`, `+`) are
 * refused, since one chosen by a rule author can take exponential time
 * ("/p/:x((?:a|aa)+b)").
 */
import type { PathMatcher } from "../decide/classifyPage";

/** A compiled pattern: the names it captures, and its matcher. */
export interface PathPattern extends PathMatcher {
  readonly names: ReadonlySet<string>;
}

export const PATH_PATTERN_GRAMMAR = 'literal segments, ":name" and at most one "*", at the end of a segment';

// [literal]* | literal | [literal]:name[literal]
const SEGMENT = /^(?:([\w\-.~!$&',;=@%]*)\*|([\w\-.~!$&',;=@%]*)(?::([A-Za-z_]\w*)([\w\-.~!$&',;=@%]*))?)$/;

/** Compiles a path pattern, or says why it is not one. */
export function compilePathPattern(pattern: string): PathPattern | string {
  const segments = pattern
    .slice(1)
    .split("/")
    .map((text) => SEGMENT.exec(text));
  const names = segments.flatMap((segment) => segment?.[3] ?? []);
  const wildcards = segments.filter((segment) => segment?.[1] !== undefined).length;
  if (
    !pattern.startsWith("/") ||
    segments.includes(null) ||
    /%(?![\da-f]{2})/i.test(pattern) ||
    wildcards > 1 ||
    new Set(names).size < names.length
  ) {
    return `${JSON.stringify(pattern)} is not a pattern tact takes: use ${PATH_PATTERN_GRAMMAR}, no regular expressions, groups or modifiers, so that matching stays linear in the path`;
  }
  const wildcard = segments.findIndex((segment) => segment?.[1] !== undefined);
  return {
    names: new Set(names),
    // Segments before the wildcard are compared from the start, those after it from the end.
    match(url: URL) {
      const parts = url.pathname.slice(1).split("/");
      if (wildcard < 0 ? parts.length !== segments.length : parts.length < segments.length) return undefined;
      const groups: Record<string, string> = {};
      for (const [index, segment] of segments.entries()) {
        const part = parts[wildcard >= 0 && index > wildcard ? parts.length - segments.length + index : index] ?? "";
        const [whole = "", prefix, before = "", name, after = ""] = segment ?? [];
        if (prefix !== undefined) {
          if (!part.startsWith(prefix)) return undefined;
        } else if (name === undefined) {
          if (part !== whole) return undefined;
        } else if (part.length > before.length + after.length && part.startsWith(before) && part.endsWith(after)) {
          groups[name] = part.slice(before.length, part.length - after.length);
        } else return undefined;
      }
      return groups;
    },
  };
}
