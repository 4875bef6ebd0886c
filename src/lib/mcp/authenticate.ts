import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateApiKey, type ApiKeyOwner } from "@/lib/ingest/authenticate";

// MCP clients send a bearer token (the spec's way, and what their config files offer); scripts
// of ours send X-API-Key. Either carries a QT.run key. No session cookie: the server is for
// programs acting for the person, never a page in their browser.

/** The key a request presents, or null: X-API-Key, else an `Authorization: Bearer` token. */
export function readPresentedKey(headers: Headers): string | null {
  const apiKey = headers.get("x-api-key");
  if (apiKey !== null) return apiKey;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return bearer ? bearer[1]! : null;
}

/** The owner of the request's key; 401 without a valid key, 403 for a key without `read`. */
export async function authenticateMcpCaller(db: Database, request: Request): Promise<ApiKeyOwner> {
  const key = readPresentedKey(request.headers);
  if (key === null)
    throw new AppError(
      "UNAUTHORIZED",
      "Send an API key with the read scope as Authorization: Bearer qt_… or X-API-Key (Settings → API keys).",
    );
  const owner = await authenticateApiKey(db, key, { scope: "read" });
  if (!owner) throw new AppError("UNAUTHORIZED", "The API key is not valid. Create one under Settings → API keys.");
  return owner;
}

/** RFC 6750's challenge for a 401: a bearer token is wanted, and whether the one sent was refused. */
export function bearerChallenge(isKeyPresented: boolean): string {
  return isKeyPresented ? 'Bearer realm="QT.run", error="invalid_token"' : 'Bearer realm="QT.run"';
}
