import { getEnv } from "@/env";
import type { Database } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import type { FileStore } from "@/lib/files/store";
import { authenticateRequestCaller } from "@/lib/http/authenticate-request";
import { errorResponse } from "@/lib/http/error-response";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import {
  rateLimitedResponse,
  rateLimitHeaders,
  takeRateLimit,
  type RateLimitPolicy,
  type RateLimitState,
} from "./rate-limit";

export interface ApiV1Dependencies {
  getDb: () => Promise<Database>;
  getStore: () => FileStore;
  /** Tests move the clock to see a window start over; the app uses the real one. */
  now?: () => Date;
  rateLimit?: RateLimitPolicy;
}

// Carries the ready 429 out of the try, so it gets the same headers as every other reply.
class RateLimitSpent extends Error {
  constructor(readonly response: Response) {
    super("rate limit spent");
  }
}

type RouteContext = { params: Promise<Record<string, string>> };

const policyOf = (deps: ApiV1Dependencies): RateLimitPolicy =>
  deps.rateLimit ?? { limit: getEnv().QT_API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 };

/**
 * One /api/v1 endpoint as a route handler: a session or a key with the `read` scope (401/403),
 * one request counted against the key's window (429 past it), the query and path checked by
 * the endpoint's own schemas (400 naming the field), then its answer as JSON, or its Response
 * as it is. Every reply after the count carries the RateLimit fields.
 */
export function apiV1Handler(endpoint: Endpoint, deps: ApiV1Dependencies) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    let limit: RateLimitState | undefined;
    let response: Response;
    try {
      const db = await deps.getDb();
      const caller = await authenticateRequestCaller(db, request, { scope: "read" });
      const policy = policyOf(deps);
      const taken = await takeRateLimit(db, {
        subject: caller.apiKeyId ? `key:${caller.apiKeyId}` : `user:${caller.userId}`,
        policy,
        now: deps.now?.() ?? new Date(),
      });
      limit = taken;
      if (!taken.isAllowed) throw new RateLimitSpent(rateLimitedResponse(taken, policy));
      const query = endpoint.query.parse(Object.fromEntries(new URL(request.url).searchParams));
      const params = endpoint.params.parse((await context?.params) ?? {});
      const user = await findUserById(db, { userId: caller.userId });
      if (!user) throw new AppError("UNAUTHORIZED", "This account no longer exists.");
      const result = await endpoint.handle({
        db,
        store: deps.getStore(),
        userId: user.id,
        timeZone: user.timeZone,
        query,
        params,
      });
      response = result instanceof Response ? result : Response.json(result);
    } catch (error) {
      response = error instanceof RateLimitSpent ? error.response : errorResponse(error);
    }
    // Someone's own data: never kept by a shared cache.
    response.headers.set("cache-control", "no-store");
    if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
    return response;
  };
}

/** Every endpoint's handler by name, on these dependencies (the app's, or a test's). */
export function apiV1Handlers(deps: ApiV1Dependencies) {
  return Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint.name, apiV1Handler(endpoint, deps)]));
}

/** The handler of the endpoint called `name` (a route file names one that does not exist: it fails at import). */
export function apiV1HandlerNamed(name: string, deps: ApiV1Dependencies) {
  const endpoint = ENDPOINTS.find((candidate) => candidate.name === name);
  if (!endpoint) throw new Error(`no /api/v1 endpoint named ${name}`);
  return apiV1Handler(endpoint, deps);
}
