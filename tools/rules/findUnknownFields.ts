/**
 * Fields the schemas do not know. valibot's objects drop unknown keys, so the
 * Worker ignores a misspelt `"enabeld": false` and the rule stays on; the CLI
 * points at such fields as warnings (the document is still valid).
 *
 * Walks the schemas themselves (objects, optionals, arrays, records, tuples)
 * rather than a second list of names that could drift from them. Rules are
 * `unknown` in the document schema (each is checked on its own), so they are
 * walked with RuleSchema; personas are left alone (their conditions are unions).
 */
import type * as v from "valibot";
import { RuleSchema, RuleSetSchema } from "../../src/core/ruleset/RuleSet";

type AnySchema = v.GenericSchema & {
  readonly entries?: Readonly<Record<string, AnySchema>>;
  readonly wrapped?: AnySchema;
  readonly item?: AnySchema;
  readonly value?: AnySchema;
  readonly items?: readonly AnySchema[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function walk(schema: AnySchema, value: unknown, path: string, found: string[]): void {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (schema.type) {
    case "optional":
    case "nullable":
    case "nullish":
    case "exact_optional":
      if (schema.wrapped && value !== undefined && value !== null) walk(schema.wrapped, value, path, found);
      return;
    case "object":
      if (!isRecord(value) || !schema.entries) return;
      for (const [key, child] of Object.entries(value)) {
        const entry = schema.entries[key];
        if (entry) walk(entry, child, at(key), found);
        else found.push(`${at(key)}: unknown field, ignored (a typo?)`);
      }
      return;
    case "array":
      if (Array.isArray(value) && schema.item) {
        const item = schema.item;
        value.forEach((child, index) => walk(item, child, `${path}[${index}]`, found));
      }
      return;
    case "record":
      if (isRecord(value) && schema.value) {
        const entry = schema.value;
        for (const [key, child] of Object.entries(value)) walk(entry, child, at(key), found);
      }
      return;
    case "tuple":
      if (Array.isArray(value) && schema.items) {
        const items = schema.items;
        value.forEach((child, index) => {
          const item = items[index];
          if (item) walk(item, child, `${path}[${index}]`, found);
        });
      }
      return;
    default:
      return;
  }
}

/** "rules[2].enabeld: unknown field, ignored (a typo?)" for each unknown field. */
export function findUnknownFields(document: unknown): string[] {
  const found: string[] = [];
  walk(RuleSetSchema as AnySchema, document, "", found);
  if (isRecord(document) && Array.isArray(document["rules"])) {
    document["rules"].forEach((rule, index) => walk(RuleSchema as AnySchema, rule, `rules[${index}]`, found));
  }
  return found;
}
