/**
 * While the load runs, whole pages are fetched and read to the end, a few a
 * second, as a browser would: each must be a 200, end with </html> and (with
 * a cookie or without) carry tact's block unless tact failed open.
 */

export interface Sampled {
  pages: number;
  personalized: number;
  problems: string[];
}

export function samplePages(url: string, cookies: readonly string[], paths: readonly string[]) {
  const sampled: Sampled = { pages: 0, personalized: 0, problems: [] };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const path = paths[i % paths.length] ?? "/";
      const cookie = i % 2 === 0 ? {} : { cookie: `tact=${cookies[i % cookies.length]}` };
      await readPage(`${url}${path}`, path, cookie, sampled);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    sampled,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function readPage(url: string, path: string, cookie: Record<string, string>, sampled: Sampled) {
  try {
    const response = await fetch(url, { headers: { accept: "text/html", ...cookie } });
    const html = await response.text();
    sampled.pages += 1;
    if (html.includes("data-tact-rule")) sampled.personalized += 1;
    if (response.status !== 200) sampled.problems.push(`${response.status} for ${path}`);
    else if (!html.trimEnd().endsWith("</html>")) sampled.problems.push(`a page cut short: ${path}`);
  } catch (error) {
    sampled.problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
