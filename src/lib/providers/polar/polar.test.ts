import { describe, expect, it } from "vitest";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { openTokens } from "@/lib/connections/credentials";
import { disconnectConnection } from "@/lib/connections/disconnect";
import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { sandboxAccount } from "@/sandbox/accounts";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { polarOAuth } from "./oauth";
import { NO_CONSENT_LOGIN, registrationKey } from "@/sandbox/polar/sandbox";

const sandbox = setUpSandboxServer();

const polarId = (login: string) => String(sandboxAccount("polar", login).numericId);
const isRegistered = (login: string) => sandbox.state.registrations.has(registrationKey(polarId(login)));
const registrationCalls = () => sandbox.state.countCalls({ provider: "polar", method: "POST", path: "/v3/users" });
const getUser = (login: string, accessToken: string) =>
  fetch(`${sandbox.url}/www.polaraccesslink.com/v3/users/${polarId(login)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });

async function connect(db: Database, userId: string, account = "athlete") {
  const query = await authorizeAtProvider(db, { userId, provider: "polar", account });
  return completeConnection(db, { userId, query, origin: APP_ORIGIN });
}

describe("Polar token reply", () => {
  it("turns x_user_id into the external user id and expires_in into an expiry", () => {
    const tokens = polarOAuth.parseTokenResponse(
      { access_token: "2YotnFZFEjr1zCsicMWpAA", token_type: "bearer", expires_in: 315359999, x_user_id: 10000001 },
      { grant: "authorization_code", status: 200 },
    );
    expect(tokens).toMatchObject({ accessToken: "2YotnFZFEjr1zCsicMWpAA", externalUserId: "10000001" });
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 365 * 24 * 60 * 60_000);
  });

  it("rejects a reply without x_user_id, naming the field", () => {
    const parse = () =>
      polarOAuth.parseTokenResponse(
        { access_token: "abc", token_type: "bearer", expires_in: 60 },
        { grant: "authorization_code", status: 200 },
      );
    expect(parse).toThrow(TokenGrantError);
    expect(parse).toThrow(/x_user_id/);
  });
});

describeEachDatabase("Polar", (database) => {
  it("sends people to Polar Flow with the one AccessLink scope and no PKCE", async () => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "polar",
      origin: APP_ORIGIN,
    });
    const url = new URL(redirectUrl);
    expect(url.pathname).toBe("/flow.polar.com/oauth2/authorization");
    expect(url.searchParams.get("scope")).toBe("accesslink.read_all");
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("authenticates at the token endpoint with HTTP Basic: credentials in the body are refused", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "polar", account: "ada" });
    const refused = await fetch(`${sandbox.url}/polarremote.com/v2/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: query.get("code")!,
        redirect_uri: `${APP_ORIGIN}/api/oauth/callback`,
        client_id: "qt-sandbox-polar",
        client_secret: "qt-sandbox-secret-polar",
      }),
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });

    // The same code still works for our client, which sends Basic as Polar documents.
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    expect(connection.externalUserId).toBe(polarId("ada"));
    const tokens = openTokens(connection);
    expect(tokens).toMatchObject({ externalUserId: polarId("ada"), scopes: ["accesslink.read_all"] });
    expect(tokens.refreshToken).toBeUndefined();
  });

  it("registers the user with AccessLink on connect, so their data becomes readable", async () => {
    const user = await createTestUser(database.db);
    const { connection, isNew } = await connect(database.db, user.id, "ada");
    expect(isNew).toBe(true);
    expect(isRegistered("ada")).toBe(true);
    expect(registrationCalls()).toBe(1);

    const info = await getUser("ada", openTokens(connection).accessToken);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      "polar-user-id": Number(polarId("ada")),
      "member-id": `qt-polar-${polarId("ada")}`,
    });
  });

  it("reconnecting the same Polar account (409 from registration) updates the one connection and learns the name", async () => {
    const user = await createTestUser(database.db);
    const first = await connect(database.db, user.id, "ada");
    expect(first.connection.label).toBeNull();

    const again = await connect(database.db, user.id, "ada");
    expect(registrationCalls()).toBe(2);
    expect(again.isNew).toBe(false);
    expect(again.connection.id).toBe(first.connection.id);
    expect(openTokens(again.connection).accessToken).not.toBe(openTokens(first.connection).accessToken);
    const account = sandboxAccount("polar", "ada");
    expect(again.connection.label).toBe(`${account.firstName} ${account.lastName}`);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(1);

    // Polar really did answer the second registration with 409.
    const repeat = await fetch(`${sandbox.url}/www.polaraccesslink.com/v3/users`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${openTokens(again.connection).accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ "member-id": `qt-polar-${polarId("ada")}` }),
    });
    expect(repeat.status).toBe(409);
  });

  it("fails the connection and stores nothing when registration is refused (consents not accepted)", async () => {
    const user = await createTestUser(database.db);
    const error = await connect(database.db, user.id, NO_CONSENT_LOGIN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "provider_error", detail: expect.stringMatching(/consents/) });
    expect(isRegistered(NO_CONSENT_LOGIN)).toBe(false);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("de-registers at Polar on disconnect: the registration is gone and the token refused", async () => {
    const user = await createTestUser(database.db);
    // A login of its own: disconnect leaves a Polar account registered while another connection uses it.
    const login = `leaving-${Date.now()}`;
    const { connection } = await connect(database.db, user.id, login);
    const { accessToken } = openTokens(connection);

    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome).toEqual({ isRevokedAtProvider: true, revokeError: undefined });
    expect(sandbox.state.countCalls({ provider: "polar", method: "DELETE" })).toBe(1);
    expect(isRegistered(login)).toBe(false);
    expect((await getUser(login, accessToken)).status).toBe(401);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });

  it("treats access already removed in Polar Flow as revoked", async () => {
    const user = await createTestUser(database.db);
    const { connection } = await connect(database.db, user.id, "gone");
    sandbox.state.revokeAccount("polar", "gone");
    const outcome = await disconnectConnection(database.db, {
      userId: user.id,
      connectionId: connection.id,
      deleteData: false,
    });
    expect(outcome.isRevokedAtProvider).toBe(true);
    expect(await listConnections(database.db, { userId: user.id })).toHaveLength(0);
  });
});
