import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db";
import { authenticateApiKey } from "@/lib/ingest/authenticate";

/**
 * Who is calling a JSON API route that both our pages (session cookie) and scripts (X-API-Key)
 * use. A request that sends a key is judged by the key alone, so a bad key is never rescued by a
 * cookie the same client happens to hold. Null for anyone else.
 */
export async function authenticateCaller(db: Database, request: Request): Promise<{ userId: string } | null> {
  const apiKey = request.headers.get("x-api-key");
  if (apiKey !== null) {
    const owner = await authenticateApiKey(db, apiKey);
    return owner ? { userId: owner.userId } : null;
  }
  const user = await findSessionUser(db, {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
  return user ? { userId: user.id } : null;
}
