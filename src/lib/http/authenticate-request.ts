import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/ingest/authenticate";

/**
 * The user behind a request that a browser (session cookie) or a script (X-API-Key) may send.
 * A request carrying a key is judged by the key alone: a bad key is a 401 even beside a valid
 * session, so a script never works by accident in a signed-in browser and fails elsewhere.
 */
export async function authenticateRequestUser(db: Database, request: Request): Promise<string> {
  const apiKey = request.headers.get("x-api-key");
  if (apiKey !== null) {
    const owner = await authenticateApiKey(db, apiKey);
    if (!owner)
      throw new AppError("UNAUTHORIZED", "The X-API-Key is not valid. Create a key under Settings → API keys.");
    return owner.userId;
  }
  const user = await findSessionUser(db, {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first, or send an X-API-Key header (Settings → API keys).");
  return user.id;
}
