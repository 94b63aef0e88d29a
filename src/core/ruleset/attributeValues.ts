/**
 * What a template's attribute may hold, by the kind of attribute it is
 * (templateAllowList): a placeholder of the right field, or a literal value
 * checked after its character references are decoded, and written out again
 * decoded and escaped, so the browser reads exactly what was checked.
 */
import { decodeReferences } from "./decodeReferences";
import { isSafeUrl } from "./isSafeUrl";
import type { AttributeKind } from "./templateAllowList";

/** Why `field` may not be the value of an attribute of this kind, or undefined when it may. */
export function misplaced(field: string, kind: AttributeKind): string | undefined {
  if (field === "items" || kind === "fixed") return "takes no placeholder";
  if (kind === "srcset" && field !== "image") return "takes only {{image}}";
  if (kind === "url" && field !== "url" && field !== "image") return "takes only {{url}} or {{image}}";
  return undefined;
}

/** srcset candidates ("a.jpg 1x, b.jpg 2x"): URLs on the shop's own site only. */
const relativeSrcset = (value: string) =>
  value.split(",").every((candidate) => {
    const [url = "", descriptor = "1x", ...rest] = candidate.trim().split(/\s+/);
    return (
      isSafeUrl(url) &&
      url !== "" &&
      !/^[a-z][a-z\d+.-]*:/i.test(url) &&
      /^\d+(\.\d+)?[wx]$/.test(descriptor) &&
      !rest.length
    );
  });

/** Why a literal value may not stand, in words. */
export function refusal(value: string, kind: AttributeKind): string {
  if (value.includes("{{")) return "has a placeholder that is not the whole value";
  if (decodeReferences(value) === undefined)
    return "has a character reference other than &#…; &amp; &lt; &gt; &quot; &apos;";
  return kind === "url" ? "is not an http(s) or relative URL" : "is not a list of relative image URLs";
}

/** A literal value as it will be written out, or undefined when it may not stand. */
export function literalValue(value: string, kind: AttributeKind): string | undefined {
  if (kind === "text" || kind === "fixed") return value.replace(/"/g, "&quot;");
  const decoded = decodeReferences(value);
  const fine = decoded !== undefined && (kind === "url" ? isSafeUrl(decoded) : relativeSrcset(decoded));
  return fine ? decoded.replace(/&/g, "&amp;").replace(/"/g, "&quot;") : undefined;
}
