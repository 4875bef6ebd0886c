import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { getDb } from "@/lib/db";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/ingest/authenticate";
import { requireApiUser } from "./require-api-user";

/**
 * The caller of a JSON API route that scripts may use too: the owner of the X-API-Key header
 * when one is sent (a browser never sends it on its own, so no cross-site form can), else the
 * signed-in user. A key that is missing, malformed, unknown or revoked is the same 401; a key
 * without `required.scope` is a 403 naming it.
 */
export async function requireApiCaller(request: Request, required: { scope: ApiKeyScope }): Promise<User> {
  const key = request.headers.get("x-api-key");
  if (key === null) return requireApiUser();
  const db = await getDb();
  const owner = await authenticateApiKey(db, key, required);
  const user = owner ? await findUserById(db, { userId: owner.userId }) : null;
  if (!user)
    throw new AppError("UNAUTHORIZED", "A valid X-API-Key is required. Create a key under Settings → API keys.");
  return user;
}
