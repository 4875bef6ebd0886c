import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/ingest/authenticate";

/**
 * The caller of a route that scripts use as well as the browser: the session cookie, else an
 * X-API-Key header. Read from the Request itself (not Next's request scope), so the same code
 * answers over a bare HTTP server in tests. 401 for anything else, whatever was wrong; 403 for a
 * key without `required.scope`.
 */
export async function requireRequestUser(
  db: Database,
  request: Request,
  required: { scope: ApiKeyScope },
): Promise<User> {
  const sessionUser = await findSessionUser(db, {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
  if (sessionUser) return sessionUser;
  const apiKey = request.headers.get("x-api-key");
  const owner = apiKey ? await authenticateApiKey(db, apiKey, required) : null;
  const keyUser = owner ? await findUserById(db, { userId: owner.userId }) : null;
  if (keyUser) return keyUser;
  throw new AppError("UNAUTHORIZED", "Sign in, or send an X-API-Key header (Settings → API keys).");
}
