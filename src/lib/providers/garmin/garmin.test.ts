import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeConnection, hashState, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { oauthStates, providerConnections } from "@/lib/db/schema";
import { createPkcePair } from "@/lib/oauth/pkce";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { sandboxAccount } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { garminOAuth } from "./oauth";

const sandbox = setUpSandboxServer();

const userIdCall = (accessToken: string) =>
  fetch(`${sandbox.url}/apis.garmin.com/wellness-api/rest/user/id`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });

async function connect(db: Database, account = "athlete") {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider: "garmin", account });
  return { user, ...(await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN })) };
}

describe("Garmin token replies", () => {
  const context = { grant: "authorization_code" as const, status: 200 };

  it("reads a 24 h access token and the rotated refresh token", () => {
    const tokens = garminOAuth.parseTokenResponse(
      {
        access_token: "at",
        token_type: "bearer",
        expires_in: 86400,
        refresh_token: "rt",
        refresh_token_expires_in: 7775998,
        scope: "ACTIVITY_EXPORT HEALTH_EXPORT",
        jti: "j",
      },
      context,
    );
    expect(tokens).toMatchObject({
      accessToken: "at",
      refreshToken: "rt",
      scopes: ["ACTIVITY_EXPORT", "HEALTH_EXPORT"],
    });
    expect(tokens.expiresAt!.getTime() - Date.now()).toBeGreaterThan(86_300_000);
  });

  it("rejects a malformed body, naming the field", () => {
    const parse = () =>
      garminOAuth.parseTokenResponse(
        { access_token: "at", token_type: "bearer", refresh_token: "rt", expires_in: "86400" },
        context,
      );
    expect(parse).toThrow(TokenGrantError);
    expect(parse).toThrow(/Garmin token reply: expires_in/);
    expect(() =>
      garminOAuth.parseTokenResponse({ token_type: "bearer", refresh_token: "rt", expires_in: 1 }, context),
    ).toThrow(/access_token/);
  });
});

describeEachDatabase("Garmin over OAuth 2.0 with PKCE", (database) => {
  const connectionsOf = (userId: string) =>
    database.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));

  it("sends people to oauth2Confirm with the S256 challenge of the verifier it keeps encrypted, and no scope", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "garmin",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe("/connect.garmin.com/oauth2Confirm");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.has("scope")).toBe(false);
    const [row] = await database.db
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, hashState(url.searchParams.get("state")!)));
    const verifier = decryptSecret(row!.encryptedSecret!);
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(url.searchParams.get("code_challenge"));
  });

  it("stores nothing when the code comes back with the wrong verifier", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "garmin" });
    await database.db
      .update(oauthStates)
      .set({ encryptedSecret: encryptSecret(createPkcePair().verifier) })
      .where(eq(oauthStates.userId, user.id));
    const error = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "exchange_failed", detail: expect.stringMatching(/PKCE/) });
    expect(await connectionsOf(user.id)).toHaveLength(0);
  });

  it("keys the connection by Garmin's user id and keeps the 24 h token with its refresh token", async () => {
    const { connection } = await connect(database.db, "ada");
    expect(connection.externalUserId).toBe(sandboxAccount("garmin", "ada").uuid);
    const tokens = openTokens(connection);
    expect(await (await userIdCall(tokens.accessToken)).json()).toEqual({ userId: connection.externalUserId });
    expect(tokens.refreshToken).toBeTruthy();
    expect(connection.expiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * 60 * 60_000);
    expect(connection.scopes).toEqual(["ACTIVITY_EXPORT", "HEALTH_EXPORT", "HISTORICAL_DATA_EXPORT", "WORKOUT_IMPORT"]);
  });

  it("deregisters at Garmin on disconnect, after which the token is refused", async () => {
    const { user, connection } = await connect(database.db, `leaver-${randomUUID()}`);
    const tokens = openTokens(connection);
    expect((await userIdCall(tokens.accessToken)).status).toBe(200);
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
      appUrl: APP_ORIGIN,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect(sandbox.state.countCalls({ provider: "garmin", method: "DELETE", path: "/user/registration" })).toBe(1);
    expect((await userIdCall(tokens.accessToken)).status).toBe(401);
    expect(sandbox.state.refreshTokens.has(tokens.refreshToken!)).toBe(false);
    expect(await connectionsOf(user.id)).toHaveLength(0);
  });
});
