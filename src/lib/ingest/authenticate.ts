import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { knownScopes } from "@/lib/auth/api-key-scopes";
import type { Database } from "@/lib/db";
import { findActiveApiKeyByHash, touchApiKey } from "@/lib/db/queries/api-keys";
import { AppError } from "@/lib/errors";
import { API_KEY_PATTERN, hashApiKey, isSameHash } from "./api-keys";

export interface ApiKeyOwner {
  userId: string;
  apiKeyId: string;
  scopes: ApiKeyScope[];
}

/**
 * The owner of an X-API-Key, or null. Missing, malformed, unknown and revoked keys all come
 * out the same, so the reply cannot tell a prober which it was. Every caller names the scope
 * its route needs: a genuine key without it is a 403 naming the scope (the key is real, so
 * saying so leaks nothing a 401 would hide), and it is not marked as used.
 */
export async function authenticateApiKey(
  db: Database,
  header: string | null,
  required: { scope: ApiKeyScope },
): Promise<ApiKeyOwner | null> {
  const key = header?.trim() ?? "";
  const keyHash = hashApiKey(key);
  const apiKey = API_KEY_PATTERN.test(key) ? await findActiveApiKeyByHash(db, { keyHash }) : null;
  if (!apiKey || !isSameHash(apiKey.keyHash, keyHash)) return null;
  const scopes = knownScopes(apiKey.scopes);
  if (!scopes.includes(required.scope)) {
    throw new AppError(
      "FORBIDDEN",
      `This API key lacks the "${required.scope}" scope. Create a key with it under Settings → API keys.`,
      { missingScope: required.scope, scopes },
    );
  }
  await touchApiKey(db, { apiKeyId: apiKey.id });
  return { userId: apiKey.userId, apiKeyId: apiKey.id, scopes };
}
