import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { refreshIfDue } from "@/lib/connections/refresh";
import type { Database } from "@/lib/db";
import { listConnections, updateConnectionCredentials } from "@/lib/db/queries/connections";
import { providerConnections, type ProviderConnection } from "@/lib/db/schema";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import type { TokenSet } from "../types";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { COROS_GRANT, corosOAuth } from "./oauth";
import { corosOpenId } from "@/sandbox/coros/sandbox";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const CLIENT = { client_id: "qt-sandbox-coros", client_secret: "qt-sandbox-secret-coros" };
const post = (path: string, form: Record<string, string>) =>
  fetch(`${sandbox.url}/open.coros.com${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
const bindState = (token: string, openId: string) =>
  fetch(`${sandbox.url}/open.coros.com/coros/bindState?${new URLSearchParams({ token, openId })}`).then((response) =>
    response.json(),
  );
const reload = async (db: Database, id: string) =>
  (await db.select().from(providerConnections).where(eq(providerConnections.id, id)))[0]!;
const parse = (body: unknown, grant: "authorization_code" | "refresh_token" = "authorization_code") =>
  corosOAuth.parseTokenResponse(body, { grant, status: 200 });

async function connect(db: Database, account = "athlete", userId?: string) {
  const user = userId ?? (await createTestUser(db)).id;
  const query = await authorizeAtProvider(db, { userId: user, provider: "coros", account });
  return { userId: user, ...(await completeConnection(db, { userId: user, query, origin: APP_ORIGIN })) };
}

/** Stores the connection's tokens with changes, e.g. an expiry a minute away. */
async function restore(db: Database, connection: ProviderConnection, changes: Partial<TokenSet>) {
  const tokens = { ...openTokens(connection), ...changes };
  await updateConnectionCredentials(db, {
    connectionId: connection.id,
    encryptedCredentials: sealTokens(tokens),
    expiresAt: tokens.expiresAt ?? null,
    scopes: tokens.scopes,
  });
  return tokens;
}

describe("COROS token reply", () => {
  it("reads the snake_case reply and the camelCase spelling alike, with openId as the user", () => {
    const snake = parse({ expires_in: 2592000, refresh_token: "rg2-r", access_token: "db0214b6", openId: "b93ac3b5" });
    const camel = parse({ expiresIn: 2592000, refreshToken: "rg2-r", accessToken: "db0214b6", openId: "b93ac3b5" });
    for (const tokens of [snake, camel]) {
      expect(tokens).toMatchObject({
        accessToken: "db0214b6",
        refreshToken: "rg2-r",
        externalUserId: "b93ac3b5",
        scopes: [COROS_GRANT],
      });
      expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    }
  });

  it("rejects a malformed success body, naming the field", () => {
    expect(() => parse({ expires_in: 2592000, refresh_token: "r", access_token: "a" })).toThrow(
      /COROS token reply: openId/,
    );
    expect(() => parse({ refresh_token: "r", access_token: 42, openId: "o" })).toThrow(/access_token/);
  });

  it("turns a result code other than 0000 into a dead grant, never a token", () => {
    const parseRefusal = () => parse({ result: "1001", message: "token invalid" }, "refresh_token");
    expect(parseRefusal).toThrow(TokenGrantError);
    expect(parseRefusal).toThrow(
      expect.objectContaining({
        reason: "invalid_grant",
        message: "COROS token endpoint answered result 1001: token invalid",
      }),
    );
  });

  it("refuses the bare refresh acknowledgement instead of storing an empty token, without killing the grant", () => {
    const parseAck = () => parse({ result: "0000", message: "OK" }, "refresh_token");
    expect(parseAck).toThrow(TokenGrantError);
    expect(parseAck).toThrow(
      expect.objectContaining({
        reason: "malformed_response",
        isPermanent: false,
        message: expect.stringMatching(/carries no token/),
      }),
    );
  });
});

describeEachDatabase("COROS", (database) => {
  it("sends people to open.coros.com with client_id, redirect_uri, response_type and state only", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "coros",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe("/open.coros.com/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "qt-sandbox-coros",
      redirect_uri: `${APP_ORIGIN}/api/oauth/callback`,
      state: expect.stringMatching(/^[\w-]{40,}$/),
    });
  });

  it("connects with the token reply's openId as the stable id, reconnects included", async () => {
    const first = await connect(database.db, "ada");
    expect(first.connection.externalUserId).toBe(corosOpenId("ada"));
    expect(first.connection.scopes).toEqual([COROS_GRANT]);
    expect(first.connection.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    const again = await connect(database.db, "ada", first.userId);
    expect(again).toMatchObject({
      isNew: false,
      connection: { id: first.connection.id, externalUserId: corosOpenId("ada") },
    });
    expect(await listConnections(database.db, { userId: first.userId })).toHaveLength(1);
  });

  it("fails the exchange when COROS answers HTTP 200 with an error result code, naming the code", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "coros" });
    const redirect_uri = `${APP_ORIGIN}/api/oauth/callback`;
    const spent = await post("/oauth2/accesstoken", {
      ...CLIENT,
      grant_type: "authorization_code",
      code: query.get("code")!,
      redirect_uri,
    });
    expect(await spent.json()).toMatchObject({ access_token: expect.any(String), openId: expect.any(String) });
    const replay = await post("/oauth2/accesstoken", {
      ...CLIENT,
      grant_type: "authorization_code",
      code: query.get("code")!,
      redirect_uri,
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ result: "1001", message: expect.any(String) });

    const error = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "exchange_failed", detail: expect.stringMatching(/result 1001/) });
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("refreshes with the same refresh token, which keeps working, and moves the expiry 30 days out", async () => {
    const { connection } = await connect(database.db);
    const before = await restore(database.db, connection, { expiresAt: new Date(Date.now() + 60_000) });
    for (let round = 0; round < 2; round += 1) {
      const after = await refreshIfDue(database.db, connection);
      expect(after.refreshToken).toBe(before.refreshToken);
      expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
      expect(sandbox.state.accessTokens.get(after.accessToken)?.account).toBe("athlete");
      expect(openTokens(await reload(database.db, connection.id))).toMatchObject({
        refreshToken: before.refreshToken,
        externalUserId: corosOpenId("athlete"),
      });
      await restore(database.db, await reload(database.db, connection.id), {
        expiresAt: new Date(Date.now() + 60_000),
      });
    }
    expect(sandbox.state.countCalls({ provider: "coros", grant: "refresh_token" })).toBe(2);
  });

  it("marks the connection needs_reauth when COROS refuses the refresh token", async () => {
    const { connection } = await connect(database.db);
    await restore(database.db, connection, {
      refreshToken: "coros_rt_unknown",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(refreshIfDue(database.db, connection)).rejects.toMatchObject({ code: "PROVIDER_AUTH_EXPIRED" });
    const row = await reload(database.db, connection.id);
    expect(row.status).toBe("needs_reauth");
    expect(row.lastError).toMatch(/result 1001/);
  });

  it("plays the documented /oauth2/refresh-token: the same access token lives 30 more days, no credentials come back", async () => {
    const { connection } = await connect(database.db);
    const { accessToken, refreshToken } = openTokens(connection);
    sandbox.state.accessTokens.get(accessToken)!.expiresAt = Date.now() + 60_000;
    const reply = await post("/oauth2/refresh-token", {
      ...CLIENT,
      refresh_token: refreshToken!,
      grant_type: "refresh_token",
    });
    expect(await reply.json()).toEqual({ result: "0000", message: "OK" });
    expect(sandbox.state.accessTokens.get(accessToken)!.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(await bindState(accessToken, corosOpenId("athlete"))).toEqual({
      result: "0000",
      message: "OK",
      data: { bindState: 1 },
    });

    const refused = await post("/oauth2/refresh-token", {
      ...CLIENT,
      refresh_token: "coros_rt_unknown",
      grant_type: "refresh_token",
    });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ result: "1001" });
  });

  it("deauthorizes on disconnect: the access token and the refresh token stop working", async () => {
    // A fresh COROS account: one another QT.run user also holds is not revoked on disconnect.
    const login = `leaver-${randomUUID()}`;
    const { userId, connection } = await connect(database.db, login);
    const { accessToken, refreshToken } = openTokens(connection);
    const outcome = await disconnectConnection(database.db, { userId, connectionId: connection.id, deleteData: false });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect(sandbox.state.countCalls({ provider: "coros", path: "/oauth2/deauthorize" })).toBe(1);
    expect(await bindState(accessToken, corosOpenId(login))).toMatchObject({ result: "1001" });
    expect(sandbox.state.refreshTokens.has(refreshToken!)).toBe(false);
    expect(await listConnections(database.db, { userId })).toHaveLength(0);
  });

  it("reports a deauthorize COROS refuses (HTTP 200, result code) and still removes the connection", async () => {
    const login = `gone-${randomUUID()}`;
    const { userId, connection } = await connect(database.db, login);
    sandbox.state.revokeAccount("coros", login);
    const outcome = await disconnectConnection(database.db, { userId, connectionId: connection.id, deleteData: false });
    expect(outcome).toEqual({
      isRevokedAtProvider: false,
      revokeError: "COROS deauthorize answered result 1001: The access token is invalid.",
    });
    expect(await listConnections(database.db, { userId })).toHaveLength(0);
  });
});
