import type { SourceDefinition } from "@/lib/providers/source-types";

const DEFAULT_WAIT_MS = 60_000;

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long a 429 asks us to wait: the provider's own reading of its headers first
 * (Strava has no Retry-After), then Retry-After, then X-RateLimit-Reset, then a minute.
 */
export function rateLimitWaitMs(response: Response, provider: SourceDefinition, now = Date.now()): number {
  const own = provider.sync?.rateLimitWaitMs?.(response, now);
  if (own !== undefined) return own;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(response.headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) {
    // Either seconds until the reset or the reset's epoch second; an epoch is far larger.
    return reset > 1_000_000_000 ? Math.max(0, reset * 1000 - now) : reset * 1000;
  }
  return DEFAULT_WAIT_MS;
}
