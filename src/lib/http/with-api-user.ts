import { getDb, type Database } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import { authenticateApiKey } from "@/lib/ingest/authenticate";
import { errorResponse } from "./error-response";
import { requireApiCaller } from "./require-api-caller";
import { requireApiUser } from "./require-api-user";

export interface ApiUserRequest<Params> {
  request: Request;
  user: User;
  /** The route's dynamic segments, unchecked: the handler parses them with its schema. */
  params: Params;
}

/**
 * A JSON API route handler for a signed-in user: 401 without a session, and whatever the
 * handler throws (zod, AppError, a bug) becomes the reply errorResponse gives it. With
 * `allowApiKey`, an X-API-Key header identifies the caller instead (require-api-caller.ts).
 */
export function withApiUser<Params extends object = object>(
  handler: (args: ApiUserRequest<Params>) => Promise<Response>,
  options: { allowApiKey?: boolean } = {},
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = options.allowApiKey ? await requireApiCaller(request) : await requireApiUser();
      return await handler({ request, user, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Who calls a JSON API route that our pages (session cookie) and scripts (X-API-Key) both use. A
 * request that sends a key is judged by the key alone, so a bad key is never rescued by a cookie
 * the same client happens to hold.
 */
async function authenticateCaller(db: Database, request: Request): Promise<string> {
  const apiKey = request.headers.get("x-api-key");
  if (apiKey !== null) {
    const owner = await authenticateApiKey(db, apiKey);
    if (!owner) throw new AppError("UNAUTHORIZED", "The X-API-Key is not valid; create one under Settings → API keys.");
    return owner.userId;
  }
  const user = await findSessionUser(db, {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first, or send an X-API-Key header (Settings → API keys).");
  return user.id;
}

export interface ApiCallerRequest<Params> {
  request: Request;
  userId: string;
  db: Database;
  params: Params;
}

/**
 * withApiUser for routes scripts call too: a session cookie or an X-API-Key. The database is
 * handed in (tests serve the handlers on a database of their own) and on to the handler.
 */
export function withApiCaller<Params extends object = object>(
  handler: (args: ApiCallerRequest<Params>) => Promise<Response>,
  options: { getDb?: () => Promise<Database> } = {},
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = await (options.getDb ?? getDb)();
      const userId = await authenticateCaller(db, request);
      return await handler({ request, userId, db, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
