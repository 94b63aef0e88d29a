/**
 * `preview-link <rule> [variant]`: a signed link that makes one browser see a
 * rule (and, for a rule under test, one of its variants) before customers do,
 * whatever its personas, caps or traffic. The Worker checks the signature and
 * expiry on every page; nothing else is forced and nothing is reported.
 *
 * A rule without an experiment has one thing to preview, the rule as written,
 * named "baseline" (the variant may be left out). For a rule under test the
 * variant must be one of its variant ids. With `--explain` the link also
 * shows, on each page, why each block is there.
 */
import { MAX_PREVIEW_SECONDS, signPreview } from "../../src/edges/cookie/preview";
import type { RuleSetValidator } from "../validate/startValidator";
import { CliError, UsageError } from "../cli/CliError";
import { findRule } from "./findRule";
import { parseJsonText } from "../shared/parseJson";
import { checkRuleSetDocument } from "./validateRuleSetDocument";

/** What a rule without an experiment is previewed as. */
export const BASELINE = "baseline";

export interface PreviewRequest {
  readonly rule: string;
  readonly variant: string | undefined;
  readonly ttlSeconds: number;
  /** The shop tact serves, e.g. https://shop.example or http://localhost:8787. */
  readonly base: string;
  readonly secret: string;
  /** Unix seconds. */
  readonly now: number;
  /** Sign the `explain` claim: the page shows why each block is there. */
  readonly explain?: boolean;
}

export interface PreviewLink {
  readonly url: string;
  readonly variant: string;
  /** Unix seconds. */
  readonly expires: number;
  /** Things to know before opening it (a rule switched off shows nothing). */
  readonly notes: readonly string[];
}

function variantIds(rule: Record<string, unknown>): string[] | undefined {
  const experiment = rule["experiment"];
  if (typeof experiment !== "object" || experiment === null) return undefined;
  const variants = (experiment as { variants?: unknown }).variants;
  if (!Array.isArray(variants)) return [];
  return variants.flatMap((variant: unknown) =>
    typeof variant === "object" && variant !== null && typeof (variant as { id?: unknown }).id === "string"
      ? [(variant as { id: string }).id]
      : [],
  );
}

/** `text` is the ruleset document as stored; the rule must be one the Worker would show. */
export async function previewLink(
  text: string,
  request: PreviewRequest,
  source: string,
  validator: RuleSetValidator,
): Promise<PreviewLink> {
  if (!(request.ttlSeconds > 0 && request.ttlSeconds <= MAX_PREVIEW_SECONDS)) {
    throw new UsageError(`--ttl must be between 1 second and 7 days (7d)`);
  }
  let base: URL;
  try {
    base = new URL(request.base);
  } catch {
    throw new UsageError(`--base "${request.base}" is not a URL such as https://shop.example`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new UsageError(`--base must be an http or https URL, not ${base.protocol}`);
  }

  const document = parseJsonText(text, source);
  const { index, rule } = findRule(document, request.rule, source);
  const check = await checkRuleSetDocument(text.replace(/^\uFEFF/, ""), validator);
  const own = check.problems.filter((problem) => /^rules\[(\d+)\][.:]/.exec(problem)?.[1] === String(index));
  // Other rules' personas and templates do not stop this one.
  const documentLevel = check.problems.filter((problem) => !/^(rules\[|personas\.|templates\.)/.test(problem));
  const blocking = [...documentLevel, ...own];
  if (blocking.length > 0) {
    throw new CliError(`rule "${request.rule}" would not be shown by the Worker:\n  ${blocking.join("\n  ")}`);
  }

  const ids = variantIds(rule);
  let variant = request.variant;
  if (ids === undefined) {
    variant ??= BASELINE;
    if (variant !== BASELINE) {
      throw new CliError(
        `rule "${request.rule}" has no experiment, so "${BASELINE}" (the rule as written) is the only preview`,
      );
    }
  } else if (variant === undefined) {
    throw new UsageError(`rule "${request.rule}" is under test: name one of its variants: ${ids.join(", ")}`);
  } else if (!ids.includes(variant)) {
    throw new CliError(`rule "${request.rule}" has no variant "${variant}"; its variants are: ${ids.join(", ")}`);
  }

  const notes: string[] = [];
  if (rule["enabled"] === false) {
    notes.push(`rule "${request.rule}" is switched off: the link shows nothing until \`toggle ${request.rule} on\``);
  }
  const token = await signPreview(
    { rule: request.rule, variant, explain: request.explain === true },
    request.secret,
    request.ttlSeconds,
    request.now,
  );
  const url = new URL("/__tact/preview", base);
  url.searchParams.set("token", token);
  return { url: url.href, variant, expires: request.now + request.ttlSeconds, notes };
}
