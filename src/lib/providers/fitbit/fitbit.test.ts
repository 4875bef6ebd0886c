import { describe, expect, it } from "vitest";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { refreshIfDue } from "@/lib/connections/refresh";
import type { Database } from "@/lib/db";
import { listConnections, updateConnectionCredentials } from "@/lib/db/queries/connections";
import { createPkcePair } from "@/lib/oauth/pkce";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { createProviderContext } from "@/lib/providers/routing";
import { sandboxCredentials } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { fetchGoogleHealthIdentity, fitbit } from ".";
import { GOOGLE_HEALTH_LOCATION_SCOPE, GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import { sandboxHealthIdentity } from "@/sandbox/fitbit/sandbox";

const sandbox = setUpSandboxServer();

const REDIRECT_URI = `${APP_ORIGIN}/api/oauth/callback`;
const { clientId, clientSecret } = sandboxCredentials("fitbit");
const postToken = (fields: Record<string, string>) =>
  fetch(`${sandbox.url}/oauth2.googleapis.com/token`, {
    method: "POST",
    body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, ...fields }),
  });
const identityStatus = async (accessToken: string) =>
  (
    await fetch(`${sandbox.url}/health.googleapis.com/v4/users/me/identity`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status;

async function connect(db: Database, options: { account?: string; grantedScope?: string } = {}) {
  const user = await createTestUser(db);
  const query = await authorizeAtProvider(db, { userId: user.id, provider: "fitbit", ...options });
  return { user, ...(await completeConnection(db, { userId: user.id, query, origin: APP_ORIGIN })) };
}

/** Approves a hand-made authorize URL at the sandbox and returns the code. */
async function approve(params: Record<string, string>) {
  const url = `${sandbox.url}/accounts.google.com/o/oauth2/v2/auth?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT_URI, ...params })}`;
  const decided = await fetch(url, {
    method: "POST",
    body: new URLSearchParams({ decision: "approve", account: "ada" }),
    redirect: "manual",
  });
  return new URL(decided.headers.get("location")!).searchParams.get("code")!;
}

describeEachDatabase("Fitbit (Google Health)", (database) => {
  it("asks Google for offline access with forced consent and S256 PKCE, never include_granted_scopes", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "fitbit",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe("/accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      state: expect.stringMatching(/^[\w-]{40,}$/),
      scope: `${SCOPES.activity} ${SCOPES.metrics} ${SCOPES.sleep} ${GOOGLE_HEALTH_LOCATION_SCOPE}`,
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: "S256",
      access_type: "offline",
      prompt: "consent",
    });
  });

  it("only gets a refresh token from Google because of access_type=offline", async () => {
    const exchange = async (extra: Record<string, string>) => {
      const pkce = createPkcePair();
      const code = await approve({
        scope: SCOPES.sleep,
        code_challenge: pkce.challenge,
        code_challenge_method: "S256",
        ...extra,
      });
      return (
        await postToken({
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT_URI,
          code_verifier: pkce.verifier,
        })
      ).json();
    };
    expect(await exchange({ access_type: "offline" })).toMatchObject({
      refresh_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3599,
    });
    expect(await exchange({})).not.toHaveProperty("refresh_token");
  });

  it("is refused by Google's token endpoint with a wrong PKCE verifier", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "fitbit" });
    const refused = await postToken({
      grant_type: "authorization_code",
      code: query.get("code")!,
      redirect_uri: REDIRECT_URI,
      code_verifier: createPkcePair().verifier,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "invalid_grant", error_description: "Invalid code verifier." });
  });

  it("keeps a partial grant that still has one data scope, and learns the stable healthUserId", async () => {
    const { connection } = await connect(database.db, { account: "sleeper", grantedScope: SCOPES.sleep });
    expect(connection.scopes).toEqual([SCOPES.sleep]);
    expect(connection.externalUserId).toBe(sandboxHealthIdentity("sleeper").healthUserId);
    expect(connection.externalUserId).toMatch(/^\d{19}$/);
  });

  it("refuses a grant with every data scope unticked and stores nothing", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "fitbit", grantedScope: "" });
    const error = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ reason: "missing_scope", detail: expect.stringContaining(SCOPES.activity) });
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("keeps the legacy Fitbit id available for linking, and tolerates people who never had one", async () => {
    const context = await createProviderContext(database.db, fitbit);
    const migrated = openTokens((await connect(database.db, { account: "ada" })).connection);
    expect(await fetchGoogleHealthIdentity(context, migrated.accessToken)).toEqual(sandboxHealthIdentity("ada"));
    expect(sandboxHealthIdentity("ada").legacyUserId).toMatch(/^[0-9A-Z]{6}$/);
    const newcomer = openTokens((await connect(database.db, { account: "new-pixel" })).connection);
    expect((await fetchGoogleHealthIdentity(context, newcomer.accessToken)).legacyUserId).toBeUndefined();
  });

  it("refreshes without a new refresh token from Google and keeps the stored one, which stays valid", async () => {
    const { connection } = await connect(database.db);
    const before = openTokens(connection);
    const expiresAt = new Date(Date.now() + 60_000);
    await updateConnectionCredentials(database.db, {
      connectionId: connection.id,
      encryptedCredentials: sealTokens({ ...before, expiresAt }),
      expiresAt,
      scopes: before.scopes,
    });

    const after = await refreshIfDue(database.db, connection);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.scopes).toEqual([...Object.values(SCOPES), GOOGLE_HEALTH_LOCATION_SCOPE]);
    expect(sandbox.state.countCalls({ provider: "fitbit", grant: "refresh_token" })).toBe(1);
    const again = await (await postToken({ grant_type: "refresh_token", refresh_token: before.refreshToken! })).json();
    expect(again).toMatchObject({ access_token: expect.any(String), expires_in: 3599, token_type: "Bearer" });
    expect(again).not.toHaveProperty("refresh_token");
  });

  it("revokes the grant at Google on disconnect: both tokens stop working", async () => {
    // An account of its own: disconnect does not revoke one another connection still uses.
    const { user, connection } = await connect(database.db, { account: `revoker-${Date.now()}` });
    const tokens = openTokens(connection);
    expect(await identityStatus(tokens.accessToken)).toBe(200);

    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect(await identityStatus(tokens.accessToken)).toBe(401);
    const refused = await postToken({ grant_type: "refresh_token", refresh_token: tokens.refreshToken! });
    expect(await refused.json()).toEqual({
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("revokes with the refresh token, so an access token that expired long ago does not matter", async () => {
    const { user, connection } = await connect(database.db, { account: "idle" });
    const tokens = openTokens(connection);
    sandbox.state.accessTokens.get(tokens.accessToken)!.expiresAt = Date.now() - 60_000;
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome.isRevokedAtProvider).toBe(true);
    expect(sandbox.state.refreshTokens.has(tokens.refreshToken!)).toBe(false);
  });

  it("treats a grant already removed in the Google account as revoked", async () => {
    const { user, connection } = await connect(database.db, { account: "gone" });
    sandbox.state.revokeAccount("fitbit", "gone");
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect(sandbox.state.countCalls({ provider: "fitbit", path: "/revoke" })).toBe(1);
  });
});

describe("Google token replies", () => {
  const parse = (body: unknown, grant: "authorization_code" | "refresh_token" = "authorization_code") =>
    fitbit.oauth.parseTokenResponse(body, { grant, status: 200 });
  const valid = {
    access_token: "ya29.a",
    expires_in: 3599,
    refresh_token: "1//0g",
    scope: `${SCOPES.sleep} ${SCOPES.activity}`,
    token_type: "Bearer",
  };

  it("reads Google's reply, the granted scopes included", () => {
    const tokens = parse(valid);
    expect(tokens).toMatchObject({
      accessToken: "ya29.a",
      refreshToken: "1//0g",
      scopes: [SCOPES.sleep, SCOPES.activity],
    });
    expect(Math.abs(tokens.expiresAt!.getTime() - (Date.now() + 3_599_000))).toBeLessThan(5_000);
    expect(parse({ ...valid, refresh_token: undefined }, "refresh_token").refreshToken).toBeUndefined();
  });

  it.each([
    ["access_token", { ...valid, access_token: undefined }],
    ["expires_in", { ...valid, expires_in: "3599" }],
    ["scope", { ...valid, scope: undefined }],
    ["refresh_token", { ...valid, refresh_token: undefined }],
  ])("rejects a code-exchange reply with a bad %s, naming the field", (field, body) => {
    const caught = (() => {
      try {
        parse(body);
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(TokenGrantError);
    expect(caught).toMatchObject({
      reason: "malformed_response",
      message: expect.stringContaining(`Google token reply: ${field}`),
    });
  });
});
