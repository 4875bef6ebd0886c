// Signing in over next-auth's credentials flow and timing page requests, as a browser would
// make them (session cookie, full body read), for dashboard.bench.ts.

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]!);
}

/** The Cookie header of a signed-in session, from GET /api/auth/csrf then the credentials callback. */
export async function signIn(baseUrl: string, credentials: { email: string; password: string }): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrfResponse).join("; ") },
    body: new URLSearchParams({ csrfToken, ...credentials, callbackUrl: `${baseUrl}/dashboard`, json: "true" }),
  });
  const session = cookiePairs(response).find((pair) => pair.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: ${response.status} ${response.headers.get("location") ?? ""}`);
  return session;
}

/** The page's HTML; anything but a 200 (a redirect to sign-in, an error page) fails the run. */
export async function fetchPage(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status} ${response.headers.get("location") ?? ""}`);
  return body;
}

export interface Timing {
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
  htmlKb: number;
}

const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
const round = (value: number) => Math.round(value * 10) / 10;

/** Warm-up requests first (compiled routes, pooled connections, warm caches), then `runs` timed one after another. */
export async function timePage(
  url: string,
  cookie: string,
  options: { warmup: number; runs: number },
): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await fetchPage(url, cookie);
  const durations: number[] = [];
  let bytes = 0;
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    bytes = Buffer.byteLength(await fetchPage(url, cookie));
    durations.push(performance.now() - started);
  }
  const sorted = durations.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
    runs: options.runs,
    htmlKb: round(bytes / 1024),
  };
}

/** The "Older" link of an activities page, as the page renders it (keyset cursor in `after`). */
export function findOlderHref(html: string): string | undefined {
  const link = /<a[^>]*href="(\?[^"]*after=[^"]*)"[^>]*>Older<\/a>/.exec(html);
  return link?.[1]?.replaceAll("&amp;", "&");
}
