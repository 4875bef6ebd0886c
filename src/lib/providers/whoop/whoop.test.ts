import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { refreshIfDue } from "@/lib/connections/refresh";
import type { Database } from "@/lib/db";
import { listConnections, updateConnectionCredentials } from "@/lib/db/queries/connections";
import type { ProviderConnection } from "@/lib/db/schema";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { sandboxAccount } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { whoop } from ".";

const sandbox = setUpSandboxServer();

const WHOOP = "api.prod.whoop.com";
const ALL_SCOPES = "offline read:recovery read:cycles read:workout read:sleep read:profile read:body_measurement";
const profile = (accessToken: string) =>
  fetch(`${sandbox.url}/${WHOOP}/developer/v2/user/profile/basic`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
const refreshAtWhoop = (fields: Record<string, string>) =>
  fetch(`${sandbox.url}/${WHOOP}/oauth/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: "qt-sandbox-whoop",
      client_secret: "qt-sandbox-secret-whoop",
      ...fields,
    }),
  });
// Disconnect skips the revoke while another connection shares the WHOOP account: give each its own person.
const someone = () => `person-${randomUUID()}`;
const liveWhoopRefreshTokens = () =>
  [...sandbox.state.refreshTokens.values()].filter((token) => token.provider === "whoop");

async function connect(db: Database, options: { account?: string; grantedScope?: string } = {}) {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider: "whoop", ...options });
  return { user, ...(await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN })) };
}

/** The stored access token now expires in a minute (or has expired), as after an hour of use. */
async function expireSoon(db: Database, connection: ProviderConnection, inMs = 60_000) {
  const tokens = openTokens(connection);
  const expiresAt = new Date(Date.now() + inMs);
  if (inMs < 0) sandbox.state.accessTokens.get(tokens.accessToken)!.expiresAt = expiresAt.getTime();
  await updateConnectionCredentials(db, {
    connectionId: connection.id,
    encryptedCredentials: sealTokens({ ...tokens, expiresAt }),
    expiresAt,
    scopes: tokens.scopes,
  });
  return tokens;
}

describeEachDatabase("WHOOP", (database) => {
  it("sends people to WHOOP's authorize page with `offline` and the read scopes, space-separated, no PKCE", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "whoop",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe(`/${WHOOP}/oauth/oauth2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "qt-sandbox-whoop",
      redirect_uri: `${APP_ORIGIN}/api/oauth/callback`,
      state: expect.stringMatching(/^[\w-]{40,}$/),
      scope: ALL_SCOPES,
    });
  });

  it("refuses a state shorter than 8 characters at WHOOP's authorize page", async () => {
    const user = await createTestUser(database.db);
    const url = new URL(
      (await startConnection(database.db, { userId: user.id, provider: "whoop", origin: APP_ORIGIN })).redirectUrl,
    );
    url.searchParams.set("state", "1234567");
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("invalid_state");
  });

  it("connects with a refresh token, WHOOP's user_id and a one-hour access token", async () => {
    const { connection } = await connect(database.db, { account: "ada" });
    const account = sandboxAccount("whoop", "ada");
    expect(connection.externalUserId).toBe(String(account.numericId));
    expect(connection.label).toBe(`${account.firstName} ${account.lastName}`);
    expect(connection.scopes).toEqual(ALL_SCOPES.split(" "));
    const tokens = openTokens(connection);
    expect(sandbox.state.refreshTokens.has(tokens.refreshToken!)).toBe(true);
    expect(Math.abs(connection.expiresAt!.getTime() - (Date.now() + 3_600_000))).toBeLessThan(10_000);
  });

  it("refuses a grant without `offline`, which carries no refresh token, and stores nothing", async () => {
    const user = await createTestUser(database.db);
    const grantedScope = "read:recovery read:cycles read:workout read:sleep read:profile read:body_measurement";
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "whoop", grantedScope });
    const error = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "missing_scope", detail: "offline" });
    expect(liveWhoopRefreshTokens()).toHaveLength(0);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("refreshes with scope=offline: the new refresh token works, the spent one is refused", async () => {
    const { connection } = await connect(database.db);
    const before = await expireSoon(database.db, connection);
    const after = await refreshIfDue(database.db, connection);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // Without scope=offline WHOOP hands back no refresh token and the connection would die within the hour.
    expect(sandbox.state.refreshTokens.has(after.refreshToken!)).toBe(true);

    const reused = await refreshAtWhoop({ refresh_token: before.refreshToken!, scope: "offline" });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });

    // And the stored one keeps the chain going.
    const again = await refreshIfDue(database.db, { id: connection.id, provider: "whoop" }, { refused: after });
    expect(again.refreshToken).not.toBe(after.refreshToken);
    expect((await profile(again.accessToken)).status).toBe(200);
  });

  it("plays WHOOP's rule in the sandbox: a refresh without scope=offline gets no refresh token back", async () => {
    const { connection } = await connect(database.db);
    const reply = await refreshAtWhoop({ refresh_token: openTokens(connection).refreshToken! });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 3600, access_token: expect.any(String) });
    expect(body).not.toHaveProperty("refresh_token");
    expect(liveWhoopRefreshTokens()).toHaveLength(0);
  });

  it("revokes at WHOOP on disconnect: the token stops working there", async () => {
    const { user, connection } = await connect(database.db, { account: someone() });
    const tokens = openTokens(connection);
    expect((await profile(tokens.accessToken)).status).toBe(200);

    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect((await profile(tokens.accessToken)).status).toBe(401);
    expect(sandbox.state.refreshTokens.has(tokens.refreshToken!)).toBe(false);
    expect((await refreshAtWhoop({ refresh_token: tokens.refreshToken!, scope: "offline" })).status).toBe(400);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("revokes the grant on disconnect even when the stored access token has expired", async () => {
    const { user, connection } = await connect(database.db, { account: someone() });
    await expireSoon(database.db, connection, -60_000);
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome.isRevokedAtProvider).toBe(true);
    expect(sandbox.state.countCalls({ provider: "whoop", grant: "refresh_token" })).toBe(1);
    expect(sandbox.state.countCalls({ provider: "whoop", path: "/developer/v2/user/access" })).toBe(1);
    expect(liveWhoopRefreshTokens()).toHaveLength(0);
    expect([...sandbox.state.accessTokens.values()].filter((token) => token.provider === "whoop")).toHaveLength(0);
  });

  it("treats a grant the person already revoked at WHOOP as revoked", async () => {
    const account = someone();
    const { user, connection } = await connect(database.db, { account });
    sandbox.state.revokeAccount("whoop", account);
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
  });
});

describe("WHOOP token replies", () => {
  const parse = (body: unknown) => whoop.oauth.parseTokenResponse(body, { grant: "authorization_code", status: 200 });
  const valid = {
    access_token: "at",
    expires_in: 3600,
    refresh_token: "rt",
    scope: "offline read:profile",
    token_type: "bearer",
  };

  it("reads WHOOP's documented reply", () => {
    const tokens = parse(valid);
    expect(tokens).toMatchObject({ accessToken: "at", refreshToken: "rt", scopes: ["offline", "read:profile"] });
    expect(Math.abs(tokens.expiresAt!.getTime() - (Date.now() + 3_600_000))).toBeLessThan(5_000);
    expect(parse({ ...valid, refresh_token: undefined, scope: undefined })).toMatchObject({
      refreshToken: undefined,
      scopes: [],
    });
  });

  it.each([
    ["access_token", { ...valid, access_token: undefined }],
    ["refresh_token", { ...valid, refresh_token: "" }],
    ["expires_in", { ...valid, expires_in: "3600" }],
    ["token_type", { ...valid, token_type: null }],
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
