import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { getAuthSecret } from "@/lib/auth/secret";
import { readSessionCookie } from "@/lib/auth/session-cookies";
import { findSessionUser } from "@/lib/auth/session-token";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateApiKey } from "@/lib/ingest/authenticate";

export interface RequestCaller {
  userId: string;
  /** The key the request came with; null for a signed-in browser. */
  apiKeyId: string | null;
}

/**
 * Who sent a request that a browser (session cookie) or a script (X-API-Key) may send.
 * A request carrying a key is judged by the key alone: a bad key is a 401 even beside a valid
 * session, so a script never works by accident in a signed-in browser and fails elsewhere.
 * A key must hold `scope` (403 naming it otherwise); a session may do anything its person may.
 */
export async function authenticateRequestCaller(
  db: Database,
  request: Request,
  required: { scope: ApiKeyScope },
): Promise<RequestCaller> {
  const apiKey = request.headers.get("x-api-key");
  if (apiKey !== null) {
    const owner = await authenticateApiKey(db, apiKey, required);
    if (!owner)
      throw new AppError("UNAUTHORIZED", "The X-API-Key is not valid. Create a key under Settings → API keys.");
    return { userId: owner.userId, apiKeyId: owner.apiKeyId };
  }
  const user = await findSessionUser(db, {
    sessionToken: readSessionCookie(request.headers.get("cookie")),
    secret: getAuthSecret(),
  });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first, or send an X-API-Key header (Settings → API keys).");
  return { userId: user.id, apiKeyId: null };
}

/** authenticateRequestCaller when only the person matters. */
export async function authenticateRequestUser(
  db: Database,
  request: Request,
  required: { scope: ApiKeyScope },
): Promise<string> {
  return (await authenticateRequestCaller(db, request, required)).userId;
}
