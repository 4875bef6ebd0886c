import type { Database } from "@/lib/db";
import { findActiveApiKeyByHash, touchApiKey } from "@/lib/db/queries/api-keys";
import { API_KEY_PATTERN, hashApiKey, isSameHash } from "./api-keys";

/**
 * The owner of an X-API-Key, or null. Missing, malformed, unknown and revoked keys all come
 * out the same, so the reply cannot tell a prober which it was.
 */
export async function authenticateApiKey(
  db: Database,
  header: string | null,
): Promise<{ userId: string; apiKeyId: string } | null> {
  const key = header?.trim() ?? "";
  const keyHash = hashApiKey(key);
  const apiKey = API_KEY_PATTERN.test(key) ? await findActiveApiKeyByHash(db, { keyHash }) : null;
  if (!apiKey || !isSameHash(apiKey.keyHash, keyHash)) return null;
  await touchApiKey(db, { apiKeyId: apiKey.id });
  return { userId: apiKey.userId, apiKeyId: apiKey.id };
}
