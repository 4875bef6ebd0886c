import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { getDb, type Database } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { authenticateRequestUser } from "./authenticate-request";
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
 * `apiKeyScope`, an X-API-Key header holding that scope identifies the caller instead
 * (require-api-caller.ts).
 */
export function withApiUser<Params extends object = object>(
  handler: (args: ApiUserRequest<Params>) => Promise<Response>,
  options: { apiKeyScope?: ApiKeyScope } = {},
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = options.apiKeyScope
        ? await requireApiCaller(request, { scope: options.apiKeyScope })
        : await requireApiUser();
      return await handler({ request, user, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export interface ApiCallerRequest<Params> {
  request: Request;
  userId: string;
  db: Database;
  params: Params;
}

/**
 * withApiUser for routes scripts call too: a session cookie or an X-API-Key holding `scope`.
 * The database is handed in (tests serve the handlers on a database of their own) and on to
 * the handler.
 */
export function withApiCaller<Params extends object = object>(
  handler: (args: ApiCallerRequest<Params>) => Promise<Response>,
  options: { scope: ApiKeyScope; getDb?: () => Promise<Database> },
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = await (options.getDb ?? getDb)();
      const userId = await authenticateRequestUser(db, request, { scope: options.scope });
      return await handler({ request, userId, db, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
