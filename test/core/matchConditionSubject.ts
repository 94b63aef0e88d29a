import type { RequestFacts } from "../../src/core/decide/RequestFacts";
import type { Profile } from "../../src/core/profile/Profile";
import type { Condition } from "../../src/core/ruleset/Condition";
import type { Subject } from "../../src/core/decide/matchCondition";
import { DAY, T0, profile, request } from "../support/builders";

// What the matchCondition test files share: a subject first seen 20 days before NOW.
export const NOW = T0 + 20 * DAY;

export function subject(
  options: {
    profile?: Partial<Profile>;
    affinities?: Record<string, number>;
    established?: boolean;
    request?: Partial<RequestFacts>;
  } = {},
): Subject {
  return {
    profile: profile({ firstSeen: T0, ...options.profile }),
    affinities: options.affinities ?? {},
    established: options.established ?? false,
    request: request(options.request),
    now: NOW,
  };
}

export type Row = [name: string, condition: Condition, subject: Subject, expected: boolean];
