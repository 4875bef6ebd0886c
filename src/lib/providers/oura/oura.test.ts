import { describe, expect, it } from "vitest";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import type { Database } from "@/lib/db";
import { listConnections, updateConnectionCredentials } from "@/lib/db/queries/connections";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { sandboxAccount } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { oura } from ".";

const sandbox = setUpSandboxServer();

const personalInfo = (accessToken: string) =>
  fetch(`${sandbox.url}/api.ouraring.com/v2/usercollection/personal_info`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
const liveOuraRefreshTokens = () =>
  [...sandbox.state.refreshTokens.values()].filter((token) => token.provider === "oura");

async function connect(db: Database, options: { account?: string; grantedScope?: string } = {}) {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider: "oura", ...options });
  return { user, ...(await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN })) };
}

describeEachDatabase("Oura", (database) => {
  it("sends people to Oura's authorize page with space-separated scopes and no PKCE", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "oura",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe("/cloud.ouraring.com/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "qt-sandbox-oura",
      redirect_uri: `${APP_ORIGIN}/api/oauth/callback`,
      state: expect.stringMatching(/^[\w-]{40,}$/),
      scope: "daily heartrate workout personal",
    });
    expect(url.search).not.toMatch(/%2C|,/);
  });

  it("sends the client secret in the form body: Oura's token endpoint refuses Basic auth alone", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "oura", account: "ada" });
    const basic = Buffer.from("qt-sandbox-oura:qt-sandbox-secret-oura").toString("base64");
    const refused = await fetch(`${sandbox.url}/api.ouraring.com/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: query.get("code")!,
        redirect_uri: `${APP_ORIGIN}/api/oauth/callback`,
      }),
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });

    // The same code still works for a client that authenticates the way Oura documents.
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    expect(connection.externalUserId).toBe(sandboxAccount("oura", "ada").uuid);
    expect(connection.scopes).toEqual(["daily", "heartrate", "workout", "personal"]);
    expect(connection.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60_000);
  });

  it("refuses a grant without `daily` and stores nothing", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, {
      userId: user.id,
      provider: "oura",
      grantedScope: "heartrate workout personal",
    });
    expect(query.get("scope")).toBe("heartrate workout personal");
    const error = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "missing_scope", detail: "daily" });
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("accepts a grant of `daily` alone and still learns the stable id, reconnects included", async () => {
    const first = await connect(database.db, { account: "solo", grantedScope: "daily" });
    expect(first.connection.scopes).toEqual(["daily"]);
    expect(first.connection.externalUserId).toBe(sandboxAccount("oura", "solo").uuid);

    const query = await authorizeAtProvider(database.db, { userId: first.user.id, provider: "oura", account: "solo" });
    const again = await completeConnection(database.db, { userId: first.user.id, query, origin: APP_ORIGIN });
    expect(again.isNew).toBe(false);
    expect(again.connection.id).toBe(first.connection.id);
  });

  it("revokes at Oura on disconnect: the token stops working there", async () => {
    const { user, connection } = await connect(database.db, { account: `leaving-${Date.now()}` });
    const tokens = openTokens(connection);
    expect((await personalInfo(tokens.accessToken)).status).toBe(200);

    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect((await personalInfo(tokens.accessToken)).status).toBe(401);
    expect(sandbox.state.refreshTokens.has(tokens.refreshToken!)).toBe(false);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("revokes the grant on disconnect even when the stored access token has expired", async () => {
    const { user, connection } = await connect(database.db, { account: `leaving-${Date.now()}` });
    const tokens = openTokens(connection);
    const expiresAt = new Date(Date.now() - 60_000);
    sandbox.state.accessTokens.get(tokens.accessToken)!.expiresAt = expiresAt.getTime();
    await updateConnectionCredentials(database.db, {
      connectionId: connection.id,
      encryptedCredentials: sealTokens({ ...tokens, expiresAt }),
      expiresAt,
      scopes: tokens.scopes,
    });

    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome.isRevokedAtProvider).toBe(true);
    expect(sandbox.state.countCalls({ provider: "oura", grant: "refresh_token" })).toBe(1);
    expect(sandbox.state.countCalls({ provider: "oura", path: "/oauth/revoke" })).toBe(1);
    expect(liveOuraRefreshTokens()).toHaveLength(0);
  });

  it("treats a grant the person already revoked at Oura as revoked", async () => {
    const { user, connection } = await connect(database.db, { account: "gone" });
    sandbox.state.revokeAccount("oura", "gone");
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
  });
});

describe("Oura token replies", () => {
  const parse = (body: unknown) => oura.oauth.parseTokenResponse(body, { grant: "authorization_code", status: 200 });
  const valid = { token_type: "bearer", access_token: "at", refresh_token: "rt", expires_in: 86400 };

  it("reads Oura's documented reply", () => {
    const tokens = parse(valid);
    expect(tokens).toMatchObject({ accessToken: "at", refreshToken: "rt", scopes: [] });
    expect(Math.abs(tokens.expiresAt!.getTime() - (Date.now() + 86_400_000))).toBeLessThan(5_000);
    expect(parse({ ...valid, scope: "daily personal" }).scopes).toEqual(["daily", "personal"]);
  });

  it.each([
    ["access_token", { ...valid, access_token: undefined }],
    ["refresh_token", { ...valid, refresh_token: "" }],
    ["expires_in", { ...valid, expires_in: "86400" }],
  ])("rejects a reply with a bad %s, naming the field", (field, body) => {
    let caught: unknown;
    try {
      parse(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TokenGrantError);
    expect(caught).toMatchObject({ reason: "malformed_response", message: expect.stringContaining(field) });
  });
});
