import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import type { Database } from "@/lib/db/client";
import type { User } from "@/lib/db/schema";
import { errorResponse } from "./error-response";
import { requireRequestUser } from "./request-user";

export interface RequestUserArgs<Params> {
  db: Database;
  request: Request;
  user: User;
  /** The route's dynamic segments, unchecked: the handler parses them with its schema. */
  params: Params;
}

/**
 * A route handler for a caller with a session or an API key (see requireRequestUser). The
 * database comes from `getDatabase`, so tests serve the very handler the route exports over
 * HTTP with their own database. Whatever the handler throws becomes errorResponse's reply.
 */
export function withRequestUser<Params extends object = object>(
  getDatabase: () => Promise<Database>,
  required: { scope: ApiKeyScope },
  handler: (args: RequestUserArgs<Params>) => Promise<Response>,
) {
  return async (request: Request, context?: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = await getDatabase();
      const user = await requireRequestUser(db, request, required);
      return await handler({ db, request, user, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
