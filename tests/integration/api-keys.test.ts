import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "@/lib/db/queries/api-keys";
import { apiKeys } from "@/lib/db/schema";
import { authenticateApiKey } from "@/lib/ingest/authenticate";
import { API_KEY_PATTERN } from "@/lib/ingest/api-keys";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

describeEachDatabase("API keys", (database) => {
  it("shows a key once, stores only its hash, and lets it in", async () => {
    const user = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: user.id, name: "iPhone" });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(apiKey.prefix).toBe(key.slice(0, 7));
    const [stored] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(JSON.stringify(stored)).not.toContain(key.slice(7));
    expect(await authenticateApiKey(database.db, key)).toEqual({ userId: user.id, apiKeyId: apiKey.id });
    expect((await listApiKeys(database.db, { userId: user.id }))[0]!.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, malformed, unknown and revoked keys alike", async () => {
    const user = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: user.id, name: "old phone" });
    await revokeApiKey(database.db, { userId: user.id, apiKeyId: apiKey.id });
    const unknown = `qt_${"A".repeat(43)}`;
    for (const header of [null, "", "not-a-key", `${key}x`, unknown, key]) {
      expect(await authenticateApiKey(database.db, header)).toBeNull();
    }
  });

  it("rotates in one step: the old key stops, the new one works, the name stays", async () => {
    const user = await createTestUser(database.db);
    const { key: oldKey, apiKey } = await createApiKey(database.db, { userId: user.id, name: "Pixel" });
    const { key: newKey, apiKey: rotated } = await rotateApiKey(database.db, { userId: user.id, apiKeyId: apiKey.id });
    expect(rotated.name).toBe("Pixel");
    expect(await authenticateApiKey(database.db, oldKey)).toBeNull();
    expect(await authenticateApiKey(database.db, newKey)).toMatchObject({ userId: user.id });
  });

  it("never lets one user revoke another's key", async () => {
    const alice = await createTestUser(database.db);
    const mallory = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: alice.id, name: "watch" });
    await expect(revokeApiKey(database.db, { userId: mallory.id, apiKeyId: apiKey.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await authenticateApiKey(database.db, key)).toMatchObject({ userId: alice.id });
  });
});
