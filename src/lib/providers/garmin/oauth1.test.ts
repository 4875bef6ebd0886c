import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeConnection, hashState, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { refreshIfDue } from "@/lib/connections/refresh";
import { decryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { oauthStates, providerConnections } from "@/lib/db/schema";
import { createProviderFetch } from "@/lib/providers/http";
import { exchangeVerifier, getRequestToken, signOAuth1, type OAuth1Token } from "@/lib/oauth/oauth1-client";
import { sandboxAccount, sandboxCredentials } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { garminOAuth1 } from "./oauth1";
import { oauth1Store } from "@/sandbox/garmin/sandbox-signature";

const sandbox = setUpSandboxServer();

const CALLBACK = `${APP_ORIGIN}/api/oauth/callback`;
const USER_ID_URL = "https://apis.garmin.com/wellness-api/rest/user/id";
const consumer = sandboxCredentials("garmin");
const sandboxContext = (credentials = consumer) => ({
  fetch: createProviderFetch("garmin", (url) => `${sandbox.url}/${url.slice("https://".length)}`),
  credentials,
});

/** A signed GET of Garmin's user id, as the sandbox sees it. */
const signedUserIdCall = (token: OAuth1Token, signer = consumer) =>
  fetch(`${sandbox.url}/apis.garmin.com/wellness-api/rest/user/id`, {
    headers: { authorization: signOAuth1(signer, { method: "GET", url: USER_ID_URL }, token) },
  });

/** Plays the person at Garmin's oauthConfirm page and returns the callback's query. */
async function consentAtGarmin(redirectUrl: string, decision: "approve" | "deny", account = "athlete") {
  const page = await fetch(redirectUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Approve");
  const decided = await fetch(redirectUrl, {
    method: "POST",
    body: new URLSearchParams({ decision, account }),
    redirect: "manual",
  });
  expect(decided.status).toBe(302);
  const location = new URL(decided.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  return location.searchParams;
}

describeEachDatabase("Garmin legacy OAuth 1.0a", (database) => {
  const connectionsOf = (userId: string) =>
    database.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));

  async function startLegacy(db: Database, account?: string) {
    const user = await createTestUser(db);
    const { redirectUrl } = await startConnection(db, {
      userId: user.id,
      provider: "garmin",
      origin: APP_ORIGIN,
      legacy: true,
    });
    const query = account ? await consentAtGarmin(redirectUrl, "approve", account) : undefined;
    return { user, redirectUrl, query: query! };
  }

  async function expectFailure(promise: Promise<unknown>, reason: ConnectionError["reason"]) {
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe(reason);
  }

  it("connects after Approve and stores an oauth1 connection with token and secret encrypted", async () => {
    const { user, redirectUrl } = await startLegacy(database.db);
    const confirm = new URL(redirectUrl);
    expect(confirm.pathname).toBe("/connect.garmin.com/oauthConfirm");
    expect(confirm.searchParams.get("oauth_callback")).toBe(CALLBACK);
    const requestToken = confirm.searchParams.get("oauth_token")!;
    const [row] = await database.db
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, hashState(requestToken)));
    expect(decryptSecret(row!.encryptedSecret!)).toBe(
      oauth1Store(sandbox.state).requestTokens.get(requestToken)!.secret,
    );

    const query = await consentAtGarmin(redirectUrl, "approve", "ada");
    expect(query.has("state")).toBe(false);
    expect(query.get("oauth_token")).toBe(requestToken);
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });

    expect(connection).toMatchObject({
      provider: "garmin",
      authKind: "oauth1",
      status: "active",
      expiresAt: null,
      scopes: [],
    });
    expect(connection.externalUserId).toBe(sandboxAccount("garmin", "ada").uuid);
    const tokens = openTokens(connection);
    expect(oauth1Store(sandbox.state).accessTokens.get(tokens.accessToken)).toEqual({
      secret: tokens.tokenSecret,
      account: "ada",
    });
    expect(tokens.refreshToken).toBeUndefined();
    expect(connection.encryptedCredentials).not.toContain(tokens.accessToken);
    expect(connection.encryptedCredentials).not.toContain(tokens.tokenSecret);
  });

  it('stores nothing when the person presses Deny (Garmin\'s verifier "null")', async () => {
    const { user, redirectUrl } = await startLegacy(database.db);
    const query = await consentAtGarmin(redirectUrl, "deny");
    expect(query.get("oauth_verifier")).toBe("null");
    await expectFailure(completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }), "denied");
    expect(await connectionsOf(user.id)).toHaveLength(0);
  });

  it("refuses a replayed callback", async () => {
    const { user, query } = await startLegacy(database.db, "ada");
    await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    await expectFailure(
      completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN }),
      "replayed_state",
    );
    expect(await connectionsOf(user.id)).toHaveLength(1);
  });

  it("refuses a callback finished by another user, for both of them", async () => {
    const { user: alice, query } = await startLegacy(database.db, "ada");
    const mallory = await createTestUser(database.db);
    await expectFailure(
      completeConnection(database.db, { userId: mallory.id, query, origin: APP_ORIGIN }),
      "foreign_state",
    );
    expect(await connectionsOf(mallory.id)).toHaveLength(0);
    expect(await connectionsOf(alice.id)).toHaveLength(0);
  });

  it("never refreshes: the tokens come back untouched", async () => {
    const { user, query } = await startLegacy(database.db, "ada");
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    const tokens = await refreshIfDue(database.db, connection, { appUrl: APP_ORIGIN });
    expect(tokens).toEqual(openTokens(connection));
    expect(sandbox.state.countCalls({ provider: "garmin", grant: "refresh_token" })).toBe(0);
    const [row] = await connectionsOf(user.id);
    expect(row!.encryptedCredentials).toBe(connection.encryptedCredentials);
  });

  it("deregisters with a signed request on disconnect, after which the token is refused", async () => {
    const { user, query } = await startLegacy(database.db, `leaver-${randomUUID()}`);
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    const tokens = openTokens(connection);
    const token = { key: tokens.accessToken, secret: tokens.tokenSecret! };
    expect((await signedUserIdCall(token)).status).toBe(200);
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
      appUrl: APP_ORIGIN,
    });
    expect(outcome.isRevokedAtProvider).toBe(true);
    expect((await signedUserIdCall(token)).status).toBe(401);
  });
});

describe("Garmin sandbox OAuth 1.0a signatures", () => {
  const grantAccessToken = (account = "ada"): OAuth1Token => {
    const token = { key: "garmin_uat_test", secret: "garmin_uat_secret_test" };
    oauth1Store(sandbox.state).accessTokens.set(token.key, { secret: token.secret, account });
    return token;
  };

  it("answers a correctly signed call and refuses a wrong consumer secret, token secret or replayed nonce", async () => {
    const token = grantAccessToken();
    const good = signOAuth1(consumer, { method: "GET", url: USER_ID_URL }, token);
    const send = (authorization: string) =>
      fetch(`${sandbox.url}/apis.garmin.com/wellness-api/rest/user/id`, { headers: { authorization } });
    const answer = await send(good);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ userId: sandboxAccount("garmin", "ada").uuid });

    expect((await send(good)).status).toBe(401);
    expect((await signedUserIdCall(token, { ...consumer, clientSecret: "not-the-secret" })).status).toBe(401);
    expect((await signedUserIdCall({ ...token, secret: "not-the-token-secret" })).status).toBe(401);
    const signedForPost = signOAuth1(consumer, { method: "POST", url: USER_ID_URL }, token);
    expect((await send(signedForPost)).status).toBe(401);
  });

  it("refuses a request token to a wrong consumer secret and an access token to a wrong verifier", async () => {
    await expect(
      getRequestToken(garminOAuth1, sandboxContext({ ...consumer, clientSecret: "nope" }), CALLBACK),
    ).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    const requestToken = await getRequestToken(garminOAuth1, sandboxContext(), CALLBACK);
    const grant = oauth1Store(sandbox.state).requestTokens.get(requestToken.key)!;
    grant.verifier = "the-verifier";
    grant.account = "ada";
    await expect(
      exchangeVerifier(garminOAuth1, sandboxContext(), requestToken, "another-verifier"),
    ).rejects.toMatchObject({ reason: "invalid_grant" });
    await expect(exchangeVerifier(garminOAuth1, sandboxContext(), requestToken, "the-verifier")).resolves.toMatchObject(
      { tokenSecret: expect.any(String), scopes: [] },
    );
  });
});
