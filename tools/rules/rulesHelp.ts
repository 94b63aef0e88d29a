/**
 * What `tact rules --help` and each subcommand's `--help` print.
 */
import { KV_HELP } from "../shared/kvTarget";

export const RULES_HELP = `Usage: tact rules <command> [options]      (npm run rules -- <command> is the same)

Commands:
  validate [file]                   check a document (or the one in KV) as the Worker would
  push <file> --local|--remote      publish a document; refused when it is not valid
  pull [--out FILE]                 print (or save) the document in KV
  diff <file> [other-file]          what pushing <file> would change (or <file> → <other-file>)
  toggle <rule> on|off              switch a rule on or off
  ramp <rule> <percent>             set the share of shoppers in a rule's experiment (0–100)
  preview-link <rule> [variant]     a signed link to see a rule (variant) before customers do

toggle, ramp and preview-link work on the document in KV, or on a file with --file PATH.

${KV_HELP}

Exit codes: 0 done, 1 problems found (an invalid document, a refused change),
2 usage or environment error (a bad command line, a missing file or secret, wrangler failing).
Run \`tact rules <command> --help\` for one command's details.`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  validate: `Usage: tact rules validate [file] [KV options]

Checks a ruleset document with the Worker's own compiler, run inside workerd:
fields, templates (read by HTMLRewriter, allow-listed), personas, URL
patterns, selectors (as HTMLRewriter accepts them), experiments and the copy
guard. Prints every problem as "path: reason", then a count. Without a file,
checks the document in KV. Unknown fields are warnings.

${KV_HELP}`,
  push: `Usage: tact rules push <file> --local|--remote [--env NAME] [--persist-to DIR]

Publishes <file> as the ruleset (key "ruleset" of TACT_RULES), after checking it
as \`validate\` does: a document with any problem is refused and nothing is
written. Prints what changed against the document it replaces. The Worker picks
it up within about a minute.

${KV_HELP}`,
  pull: `Usage: tact rules pull [--out FILE] [KV options]

Prints the document in KV (or writes it to FILE), formatted like kv-seed/ruleset.json.

${KV_HELP}`,
  diff: `Usage: tact rules diff <file> [other-file] [KV options]

With one file: what \`push <file>\` would change in KV. With two: what turns the
first into the second. One line per change, by path:
  ~ rules[2].experiment.traffic: 20 → 50  (rule "home-picks")

${KV_HELP}`,
  toggle: `Usage: tact rules toggle <rule> on|off [--file PATH] [KV options]

Switches a rule on or off (its "enabled" field): reads the document, changes it,
checks it, writes it back and prints the change. Refused if the change would
make the document invalid; problems it already had are reported, not blocking.

${KV_HELP}`,
  ramp: `Usage: tact rules ramp <rule> <percent> [--file PATH] [KV options]

Sets rules[i].experiment.traffic, the percentage (0–100) of eligible shoppers
enrolled in the rule's experiment. Raising it lets more shoppers in and moves
nobody; lowering it takes shoppers out. Refused for a rule without experiment.

${KV_HELP}`,
  "preview-link": `Usage: tact rules preview-link <rule> [variant] [--ttl 1h] [--base URL] [--explain] [--file PATH] [KV options]

Prints a link that makes one browser see <rule> as <variant> (for a rule
without experiment, "baseline": the rule as written, the default), whatever
its personas, caps and traffic, with a banner and a way out, until it expires.
The rule and variant must exist in the current document.

  --ttl DURATION   how long the link works: 30m, 1h (default), 3600 (seconds), up to 7d
  --base URL       the shop tact serves (default http://localhost:8787)
  --explain        also show, on each page, why each block is there: the
                   personas that matched, the rules that lost and why, the
                   variant and where each item came from (testers only)

Signed with TACT_PREVIEW_SECRET (≥ 32 characters) from the environment, or from
.dev.vars for the local Worker; the Worker must hold the same secret.

${KV_HELP}`,
};
