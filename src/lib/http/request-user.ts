import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import type { Database } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateRequestUser } from "./authenticate-request";

/**
 * The caller of a route that scripts use as well as the browser, as a whole user (the export
 * needs their time zone): the X-API-Key when one is sent (it must hold `required.scope`, 403
 * otherwise), else the session cookie (see authenticateRequestUser). Read from the Request
 * itself, not Next's request scope, so the same code answers over a bare HTTP server in tests.
 */
export async function requireRequestUser(
  db: Database,
  request: Request,
  required: { scope: ApiKeyScope },
): Promise<User> {
  const user = await findUserById(db, { userId: await authenticateRequestUser(db, request, required) });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first, or send an X-API-Key header (Settings → API keys).");
  return user;
}
