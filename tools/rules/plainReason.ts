/**
 * Rewords valibot's default messages ("Invalid type: Expected number but
 * received \"3\"") into words a tester reads at a glance ("must be a number,
 * not \"3\""). The schemas' own messages ("must be at least 2") are already
 * plain and pass through, as does anything unrecognised.
 *
 * This belongs next to describeIssue in src/core/ruleset/RuleSet.ts, so the Worker's
 * `ruleset.rule-skipped` lines would say the same; until then the CLI applies it.
 */

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  string: "text in quotes",
  boolean: "true or false",
  Object: "an object ({ … })",
  Array: "a list ([ … ])",
};

const RULES: readonly (readonly [RegExp, (...groups: string[]) => string])[] = [
  [/Invalid key: Expected "[^"]*" but received undefined/g, () => "is missing"],
  [/Invalid type: Expected [^:;]*? but received undefined/g, () => "is missing"],
  [
    /Invalid type: Expected (number|string|boolean|Object|Array) but received ([^;]+)/g,
    (type, got) => `must be ${TYPE_NAMES[type] ?? type}, not ${received(got)}`,
  ],
  [/Invalid integer: Received ([^;]+)/g, (received) => `must be a whole number, not ${received}`],
  [
    /Invalid value: Expected >=(\S+) but received ([^;]+)/g,
    (min, received) => `must be at least ${min}, not ${received}`,
  ],
  [
    /Invalid value: Expected <=(\S+) but received ([^;]+)/g,
    (max, received) => `must be at most ${max}, not ${received}`,
  ],
  [/Invalid length: Expected >=(\S+) but received ([^;]+)/g, (min, got) => `is too short: at least ${min}, not ${got}`],
  [/Invalid length: Expected <=(\S+) but received ([^;]+)/g, (max, got) => `is too long: at most ${max}, not ${got}`],
  [
    /Invalid type: Expected \(([^)]*)\) but received ([^;]+)/g,
    (options, got) => `must be one of ${options.replaceAll(" | ", ", ")}, not ${received(got)}`,
  ],
];

/** valibot names what it received by its constructor ("Object"); say it in words. */
const received = (text: string) => (text === "Object" ? "an object" : text === "Array" ? "a list" : text);

export function plainReason(reason: string): string {
  return RULES.reduce(
    (text, [pattern, reword]) => text.replace(pattern, (_match, ...groups: unknown[]) => reword(...groups.map(String))),
    reason,
  );
}
