/**
 * Before anything is measured, one request per contender and page checks
 * that each does what it is there for: the origin's bytes pass through
 * untouched, the floor and GrowthBook insert the fixed block, tact fills its
 * slots and sets its cookie, and tact without a matching rule leaves the body
 * alone. A bench of contenders that silently do nothing would flatter them.
 */
import type { BenchPage, PageName } from "../origin/benchPages";
import { FIXED_BLOCK_MARKER } from "../workers/fixedBlock";
import { timeRequest } from "../measure/timeRequest";
import type { Contender, ContenderId } from "./contenders";

export interface Verified {
  /** Response body size per contender and page, in bytes. */
  readonly bytes: Record<ContenderId, Record<PageName, number>>;
  /** The rules tact filled each page's slots with. */
  readonly tactRules: Record<PageName, readonly string[]>;
}

function problemWith(
  id: ContenderId,
  page: BenchPage,
  body: string,
  bytes: number,
  cookie: string,
): string | undefined {
  const untouched = bytes === page.body.length;
  const tactRules = body.includes("data-tact-rule=");
  switch (id) {
    case "direct":
    case "pass":
      return untouched ? undefined : `changed the body (${bytes} bytes, origin sent ${page.body.length})`;
    case "floor":
    case "growthbook":
      return body.includes(FIXED_BLOCK_MARKER) ? undefined : "did not insert the fixed block";
    case "cookieFloor":
      if (!body.includes(FIXED_BLOCK_MARKER)) return "did not insert the fixed block";
      return cookie.includes("tact=") ? undefined : "set no profile cookie";
    case "tact":
    case "tactMiniflareKv":
      if (!tactRules) return "inserted no block";
      return cookie.includes("tact=") ? undefined : "set no profile cookie";
    case "tactNoMatch":
      return untouched && !tactRules ? undefined : "changed the body although no rule matches";
  }
}

export async function verifyContenders(
  contenders: readonly Contender[],
  pages: readonly BenchPage[],
  headers: Record<string, string>,
): Promise<Verified> {
  const problems: string[] = [];
  const bytes = {} as Record<ContenderId, Record<PageName, number>>;
  const tactRules = {} as Record<PageName, readonly string[]>;
  for (const contender of contenders) {
    bytes[contender.id] = {} as Record<PageName, number>;
    for (const page of pages) {
      const timing = await timeRequest({
        url: new URL(page.path, contender.url).href,
        headers,
        agent: false,
        keepBody: true,
      }).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `${contender.label} on ${page.name} (${page.path}): ${reason}; see bench/out/${contender.id}.log`,
        );
      });
      const body = timing.body?.toString("utf8") ?? "";
      bytes[contender.id][page.name] = timing.bytes;
      const cookie = String(timing.headers["set-cookie"] ?? "");
      const problem =
        timing.status === 200
          ? problemWith(contender.id, page, body, timing.bytes, cookie)
          : `answered ${timing.status}`;
      if (problem) problems.push(`${contender.label} on ${page.name} (${page.path}): ${problem}`);
      if (contender.id === "tact") {
        tactRules[page.name] = [...body.matchAll(/data-tact-rule="([^"]+)"/g)].map((match) => match[1] ?? "");
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`contenders failed their checks; see bench/out/*.log\n  ${problems.join("\n  ")}`);
  }
  return { bytes, tactRules };
}
