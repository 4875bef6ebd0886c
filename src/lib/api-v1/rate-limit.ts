import { countAttempt } from "@/lib/db/queries/auth-throttles";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

// A fixed window per key, counted in Postgres (the auth_throttles counters sign-in uses):
// one upsert per request, atomic across requests and across app processes, and it survives a
// restart, which an in-process bucket would not (a second process would double the limit, a
// restart would reset it). A fixed window lets a burst of up to twice the limit straddle a
// window's edge; for a read API over one's own data that is an acceptable price for one
// statement per request. Expired windows are removed with the sign-in ones.

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Whole seconds until the window starts over. */
  resetSeconds: number;
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a state. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

/** Counts one request for `subject` (an API key, or a signed-in person) and answers where it stands. */
export async function takeRateLimit(
  db: Database,
  params: { subject: string; policy: RateLimitPolicy; now: Date },
): Promise<RateLimitState & { isAllowed: boolean }> {
  const { attempts, windowEndsAt } = await countAttempt(db, {
    key: `api-v1:${params.subject}`,
    now: params.now,
    windowMs: params.policy.windowMs,
  });
  return {
    isAllowed: attempts <= params.policy.limit,
    limit: params.policy.limit,
    remaining: Math.max(params.policy.limit - attempts, 0),
    resetSeconds: Math.max(Math.ceil((windowEndsAt.getTime() - params.now.getTime()) / 1000), 1),
  };
}

/** The 429 for a spent window, with Retry-After and the RateLimit fields. */
export function rateLimitedResponse(state: RateLimitState, policy: RateLimitPolicy): Response {
  const response = errorResponse(
    new AppError(
      "RATE_LIMITED",
      `Too many requests: ${state.limit} per ${policy.windowMs / 1000} s for this key. Try again in ${state.resetSeconds} s.`,
    ),
  );
  for (const [name, value] of Object.entries(rateLimitHeaders(state))) response.headers.set(name, value);
  response.headers.set("Retry-After", String(state.resetSeconds));
  return response;
}
