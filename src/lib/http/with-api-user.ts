import type { User } from "@/lib/db/schema";
import { errorResponse } from "./error-response";
import { requireApiUser } from "./require-api-user";

export interface ApiUserRequest<Params> {
  request: Request;
  user: User;
  /** The route's dynamic segments, unchecked: the handler parses them with its schema. */
  params: Params;
}

/**
 * A JSON API route handler for a signed-in user: 401 without a session, and whatever the
 * handler throws (zod, AppError, a bug) becomes the reply errorResponse gives it.
 */
export function withApiUser<Params extends object = object>(
  handler: (args: ApiUserRequest<Params>) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await requireApiUser();
      return await handler({ request, user, params: (await context?.params) ?? ({} as Params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
