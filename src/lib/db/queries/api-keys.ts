import { and, desc, eq, isNull } from "drizzle-orm";
import { knownScopes, type ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { AppError } from "@/lib/errors";
import { generateApiKey } from "@/lib/ingest/api-keys";
import type { Database } from "../client";
import { apiKeys } from "../schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Creates a key with the scopes chosen for it and returns it once; only its hash is stored. */
export async function createApiKey(
  db: Database,
  params: { userId: string; name: string; scopes: readonly ApiKeyScope[] },
): Promise<{ apiKey: ApiKeyRow; key: string }> {
  const { key, prefix, keyHash } = generateApiKey();
  const [apiKey] = await db
    .insert(apiKeys)
    .values({ userId: params.userId, name: params.name, prefix, keyHash, scopes: knownScopes(params.scopes) })
    .returning();
  return { apiKey: apiKey!, key };
}

export async function listApiKeys(db: Database, params: { userId: string }): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.userId, params.userId)).orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Database, params: { userId: string; apiKeyId: string }): Promise<ApiKeyRow> {
  const [apiKey] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, params.apiKeyId), eq(apiKeys.userId, params.userId), isNull(apiKeys.revokedAt)))
    .returning();
  if (!apiKey) throw new AppError("NOT_FOUND", "No such active API key.");
  return apiKey;
}

/** Replaces a key with a new one of the same name and scopes, in one transaction: never zero, never two. */
export async function rotateApiKey(
  db: Database,
  params: { userId: string; apiKeyId: string },
): Promise<{ apiKey: ApiKeyRow; key: string }> {
  return db.transaction(async (tx) => {
    const old = await revokeApiKey(tx, params);
    return createApiKey(tx, { userId: params.userId, name: old.name, scopes: knownScopes(old.scopes) });
  });
}

export async function findActiveApiKeyByHash(db: Database, params: { keyHash: string }): Promise<ApiKeyRow | null> {
  const [apiKey] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, params.keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return apiKey ?? null;
}

export async function touchApiKey(db: Database, params: { apiKeyId: string }): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, params.apiKeyId));
}
