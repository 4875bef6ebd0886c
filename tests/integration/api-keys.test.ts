import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "@/lib/db/queries/api-keys";
import { apiKeys } from "@/lib/db/schema";
import { authenticateApiKey } from "@/lib/ingest/authenticate";
import { API_KEY_PATTERN, generateApiKey } from "@/lib/ingest/api-keys";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const ingest = { scope: "ingest" } as const;

describeEachDatabase("API keys", (database) => {
  it("shows a key once, stores only its hash, and lets it in", async () => {
    const user = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: user.id, name: "iPhone", scopes: ["ingest"] });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(apiKey.prefix).toBe(key.slice(0, 7));
    const [stored] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(JSON.stringify(stored)).not.toContain(key.slice(7));
    expect(await authenticateApiKey(database.db, key, ingest)).toEqual({
      userId: user.id,
      apiKeyId: apiKey.id,
      scopes: ["ingest"],
    });
    expect((await listApiKeys(database.db, { userId: user.id }))[0]!.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, malformed, unknown and revoked keys alike", async () => {
    const user = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: user.id, name: "old phone", scopes: ["ingest"] });
    await revokeApiKey(database.db, { userId: user.id, apiKeyId: apiKey.id });
    const unknown = `qt_${"A".repeat(43)}`;
    for (const header of [null, "", "not-a-key", `${key}x`, unknown, key]) {
      expect(await authenticateApiKey(database.db, header, ingest)).toBeNull();
    }
  });

  it("answers a real key without the scope with a 403 naming the scope, and does not count it as used", async () => {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "phone", scopes: ["ingest"] });
    await expect(authenticateApiKey(database.db, key, { scope: "read" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      status: 403,
      message: expect.stringContaining('"read"'),
      details: { missingScope: "read", scopes: ["ingest"] },
    });
    expect((await listApiKeys(database.db, { userId: user.id }))[0]!.lastUsedAt).toBeNull();
    const { key: reader } = await createApiKey(database.db, {
      userId: user.id,
      name: "MCP",
      scopes: ["write", "read"],
    });
    expect(await authenticateApiKey(database.db, reader, { scope: "read" })).toMatchObject({
      scopes: ["read", "write"],
    });
    await expect(authenticateApiKey(database.db, reader, ingest)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("makes a key stored before scopes existed an ingest key", async () => {
    const user = await createTestUser(database.db);
    const { key, prefix, keyHash } = generateApiKey();
    // The insert a release before scopes did: no scopes column in it, so the migration's default applies.
    await database.db.execute(
      sql`insert into api_keys (user_id, name, prefix, key_hash) values (${user.id}, 'old phone', ${prefix}, ${keyHash})`,
    );
    expect(await authenticateApiKey(database.db, key, ingest)).toMatchObject({ userId: user.id, scopes: ["ingest"] });
    await expect(authenticateApiKey(database.db, key, { scope: "read" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rotates in one step: the old key stops, the new one works, the name and scopes stay", async () => {
    const user = await createTestUser(database.db);
    const { key: oldKey, apiKey } = await createApiKey(database.db, {
      userId: user.id,
      name: "Pixel",
      scopes: ["ingest", "read"],
    });
    const { key: newKey, apiKey: rotated } = await rotateApiKey(database.db, { userId: user.id, apiKeyId: apiKey.id });
    expect(rotated.name).toBe("Pixel");
    expect(rotated.scopes).toEqual(["ingest", "read"]);
    expect(await authenticateApiKey(database.db, oldKey, ingest)).toBeNull();
    expect(await authenticateApiKey(database.db, newKey, { scope: "read" })).toMatchObject({ userId: user.id });
  });

  it("never lets one user revoke another's key", async () => {
    const alice = await createTestUser(database.db);
    const mallory = await createTestUser(database.db);
    const { key, apiKey } = await createApiKey(database.db, { userId: alice.id, name: "watch", scopes: ["ingest"] });
    await expect(revokeApiKey(database.db, { userId: mallory.id, apiKeyId: apiKey.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await authenticateApiKey(database.db, key, ingest)).toMatchObject({ userId: alice.id });
  });
});
