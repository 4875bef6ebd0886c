import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens } from "@/lib/connections/credentials";
import { PROVIDERS } from "@/lib/providers";
import { oauthStates, providerConnections } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";

const sandbox = setUpSandboxServer();

describeEachDatabase("connecting over OAuth", (database) => {
  const connectionsOf = (userId: string) =>
    database.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));

  async function expectFailure(promise: Promise<unknown>, reason: ConnectionError["reason"]) {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe(reason);
  }

  for (const provider of PROVIDERS) {
    describe(provider.name, () => {
      it("connects after Approve and stores the tokens encrypted", async () => {
        const user = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, {
          userId: user.id,
          provider: provider.slug,
          account: "ada",
        });
        const { connection, isNew } = await completeConnection(database.db, {
          userId: user.id,
          query,
          origin: APP_ORIGIN,
        });

        expect(isNew).toBe(true);
        expect(connection).toMatchObject({ provider: provider.slug, status: "active", authKind: "oauth2" });
        expect(connection.externalUserId).toMatch(/\S/);
        const tokens = openTokens(connection);
        expect(sandbox.state.accessTokens.get(tokens.accessToken)?.account).toBe("ada");
        expect(connection.encryptedCredentials).not.toContain(tokens.accessToken);
        if (tokens.refreshToken) expect(connection.encryptedCredentials).not.toContain(tokens.refreshToken);
        expect(connection.scopes.length).toBeGreaterThan(0);
      });

      it("stores nothing when the person presses Deny", async () => {
        const user = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, {
          userId: user.id,
          provider: provider.slug,
          decision: "deny",
        });
        expect(query.get("error")).toBe("access_denied");
        await expectFailure(completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }), "denied");
        expect(await connectionsOf(user.id)).toHaveLength(0);
      });

      it("refuses a replayed state", async () => {
        const user = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, { userId: user.id, provider: provider.slug });
        await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
        await expectFailure(
          completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }),
          "replayed_state",
        );
        expect(await connectionsOf(user.id)).toHaveLength(1);
      });

      it("refuses a state started by another user, for both of them", async () => {
        const alice = await createTestUser(database.db);
        const mallory = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, { userId: alice.id, provider: provider.slug });
        await expectFailure(
          completeConnection(database.db, { userId: mallory.id, query, origin: APP_ORIGIN }),
          "foreign_state",
        );
        expect(await connectionsOf(mallory.id)).toHaveLength(0);
        expect(await connectionsOf(alice.id)).toHaveLength(0);
      });

      it("refuses a tampered or expired state", async () => {
        const user = await createTestUser(database.db);
        const query = await authorizeAtProvider(database.db, { userId: user.id, provider: provider.slug });
        const tampered = new URLSearchParams(query);
        tampered.set("state", `${query.get("state")}x`);
        await expectFailure(
          completeConnection(database.db, { userId: user.id, query: tampered, origin: APP_ORIGIN }),
          "invalid_state",
        );

        await database.db
          .update(oauthStates)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(eq(oauthStates.userId, user.id));
        await expectFailure(
          completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }),
          "expired_state",
        );
        expect(await connectionsOf(user.id)).toHaveLength(0);
      });

      it("links a second account of the same provider beside the first, with its label", async () => {
        const user = await createTestUser(database.db);
        for (const [account, label] of [
          ["first", "Main"],
          ["second", "Second watch"],
        ]) {
          const query = await authorizeAtProvider(database.db, {
            userId: user.id,
            provider: provider.slug,
            account,
            label,
          });
          await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
        }
        const rows = await connectionsOf(user.id);
        expect(rows.map((row) => row.label).sort()).toEqual(["Main", "Second watch"]);
        expect(new Set(rows.map((row) => row.externalUserId)).size).toBe(2);
      });
    });
  }
});
