import type { User } from "@/lib/db/schema";
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
