import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { refreshIfDue } from "@/lib/connections/refresh";
import { openPostgres } from "@/lib/db/client";
import { updateConnectionCredentials } from "@/lib/db/queries/connections";
import { providerConnections, type ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { PROVIDERS } from "@/lib/providers";
import type { Database } from "@/lib/db";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpBackfillDays, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();

async function connect(db: Database, provider: string, account = "athlete") {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider, account });
  return (await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN })).connection;
}

/** Pretends time has passed: the stored access token now expires in a minute. */
async function makeDue(db: Database, connection: ProviderConnection) {
  const tokens = openTokens(connection);
  const expiresAt = new Date(Date.now() + 60_000);
  await updateConnectionCredentials(db, {
    connectionId: connection.id,
    encryptedCredentials: sealTokens({ ...tokens, expiresAt }),
    expiresAt,
    scopes: tokens.scopes,
  });
  return tokens;
}

const reload = async (db: Database, id: string) =>
  (await db.select().from(providerConnections).where(eq(providerConnections.id, id)))[0]!;
const refreshCalls = (provider: string) => sandbox.state.countCalls({ provider, grant: "refresh_token" });

// A few days of history is enough to send each provider's data requests.
for (const provider of PROVIDERS) if (provider.sync) setUpBackfillDays(provider.sync, 3);

describeEachDatabase("token refresh", (database) => {
  for (const provider of PROVIDERS) {
    describe(provider.name, () => {
      it("leaves a fresh token alone", async () => {
        const connection = await connect(database.db, provider.slug);
        const tokens = await refreshIfDue(database.db, connection);
        expect(tokens.accessToken).toBe(openTokens(connection).accessToken);
        expect(refreshCalls(provider.slug)).toBe(0);
      });

      it("refreshes a token due to expire and stores the newest tokens, or asks for a reconnect when it cannot", async () => {
        const connection = await connect(database.db, provider.slug);
        const before = await makeDue(database.db, connection);
        if (!before.refreshToken) {
          // Providers without refresh tokens (Polar): the person must reconnect.
          await expect(refreshIfDue(database.db, connection)).rejects.toMatchObject({ code: "PROVIDER_AUTH_EXPIRED" });
          expect((await reload(database.db, connection.id)).status).toBe("needs_reauth");
          return;
        }
        const after = await refreshIfDue(database.db, connection);
        expect(refreshCalls(provider.slug)).toBe(1);
        // A new access token, or (COROS) the same one given a longer life.
        expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
        const live = sandbox.state.accessTokens.get(after.accessToken);
        expect(live?.expiresAt === null || live!.expiresAt > Date.now() + 5 * 60_000).toBe(true);
        // Whatever the provider's rotation rule, what we stored is the refresh token it will accept next.
        expect(sandbox.state.refreshTokens.has(after.refreshToken!)).toBe(true);
        expect(openTokens(await reload(database.db, connection.id))).toMatchObject({
          accessToken: after.accessToken,
          refreshToken: after.refreshToken,
        });
      });

      it("makes one provider call when several callers refresh at once, and all get the new token", async () => {
        const connection = await connect(database.db, provider.slug);
        const before = await makeDue(database.db, connection);
        if (!before.refreshToken) {
          const outcomes = await Promise.allSettled([
            refreshIfDue(database.db, connection),
            refreshIfDue(database.db, connection),
          ]);
          expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
          expect(refreshCalls(provider.slug)).toBe(0);
          return;
        }
        // On Postgres a second pool stands in for a second app process: only the row lock keeps them apart.
        const other = database.mode === "postgres" ? await openPostgres(inject("postgresUrl"), { max: 2 }) : undefined;
        try {
          const results = await Promise.all([
            refreshIfDue(database.db, connection),
            refreshIfDue(database.db, connection),
            refreshIfDue(other?.db ?? database.db, connection),
          ]);
          expect(refreshCalls(provider.slug)).toBe(1);
          expect(new Set(results.map((tokens) => tokens.accessToken)).size).toBe(1);
          expect(results[0]!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
        } finally {
          await other?.close();
        }
      });

      it.runIf(provider.sync)(
        "refreshes once when the provider refuses an expired token its own way, and the sync goes on",
        async () => {
          const connection = await connect(database.db, provider.slug);
          // Our stored expiry says the token is fine; the provider's clock says otherwise.
          sandbox.state.expireAccessTokens(provider.slug, "athlete");
          const job = await syncNow(database.db, connection);
          const row = await reload(database.db, connection.id);
          if (!openTokens(connection).refreshToken) {
            // No refresh grant (Polar): the person must reconnect.
            expect(job.status).toBe("failed");
            expect(row.status).toBe("needs_reauth");
            return;
          }
          expect(job).toMatchObject({ status: "succeeded", error: null });
          expect(refreshCalls(provider.slug)).toBe(1);
          expect(row.status).toBe("active");
          const live = sandbox.state.accessTokens.get(openTokens(row).accessToken);
          expect(live!.expiresAt === null || live!.expiresAt > Date.now()).toBe(true);
        },
      );

      it("refreshes once for several refusals of the same token, however late each reports it", async () => {
        const connection = await connect(database.db, provider.slug);
        const refused = openTokens(connection);
        if (!refused.refreshToken) return;
        sandbox.state.expireAccessTokens(provider.slug, "athlete");
        const other = database.mode === "postgres" ? await openPostgres(inject("postgresUrl"), { max: 2 }) : undefined;
        try {
          // Two requests refused together, one of them in another process, then a third that
          // reports the same refusal only after the refresh is done.
          const together = await Promise.all([
            refreshIfDue(database.db, connection, { refused }),
            refreshIfDue(other?.db ?? database.db, connection, { refused }),
          ]);
          const late = await refreshIfDue(database.db, connection, { refused });
          expect(refreshCalls(provider.slug)).toBe(1);
          expect(
            new Set([...together, late].map((tokens) => `${tokens.accessToken}|${tokens.expiresAt?.toISOString()}`))
              .size,
          ).toBe(1);
        } finally {
          await other?.close();
        }
      });

      it("marks the connection needs_reauth when the provider refuses the refresh token", async () => {
        const connection = await connect(database.db, provider.slug, "revoker");
        const before = await makeDue(database.db, connection);
        sandbox.state.revokeAccount(provider.slug, "revoker");
        const error = await refreshIfDue(database.db, connection).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: "PROVIDER_AUTH_EXPIRED" });
        const row = await reload(database.db, connection.id);
        expect(row.status).toBe("needs_reauth");
        expect(row.lastError).toMatch(/\S/);
        // The old tokens stay as they were; nothing half-written.
        expect(openTokens(row).accessToken).toBe(before.accessToken);
      });
    });
  }
});
