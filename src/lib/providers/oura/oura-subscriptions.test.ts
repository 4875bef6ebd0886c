import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { listConnections } from "@/lib/db/queries/connections";
import { sandboxCredentials } from "@/sandbox/accounts";
import { ensureProviderSubscriptions, ensureWebhookSubscriptions } from "@/lib/webhooks/subscriptions";
import { describeEachDatabase, type TestDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { serveWebhookRoute, setUpWebhookRoute } from "@tests/webhook-server";
import { ouraSandboxSubscriptions } from "@/sandbox/oura/sandbox-webhooks";
import { OURA_SUBSCRIBED_DATA_TYPES } from "./webhook-subscriptions";
import { oura } from ".";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const SUBSCRIPTIONS = "/api.ouraring.com/v2/webhook/subscription";
const subscriptions = () => [...ouraSandboxSubscriptions(sandbox.state).values()];
const ouraClientHeaders = () => {
  const { clientId, clientSecret } = sandboxCredentials("oura");
  return { "x-client-id": clientId, "x-client-secret": clientSecret };
};
const creations = () =>
  sandbox.state.countCalls({ provider: "oura", method: "POST", path: "/v2/webhook/subscription" });

async function connect(database: TestDatabase, origin: string) {
  const user = await createTestUser(database.db);
  const query = await authorizeAtProvider(database.db, {
    userId: user.id,
    provider: "oura",
    account: `sub-${randomUUID().slice(0, 8)}`,
  });
  return { user, ...(await completeConnection(database.db, { userId: user.id, query, origin })) };
}

describeEachDatabase("Oura webhook subscriptions", (database) => {
  const app = setUpWebhookRoute(database);
  const callbackUrl = () => `${app.url}/api/webhooks/oura`;

  it("subscribes to create and update of every data type it syncs when an account connects", async () => {
    await connect(database, app.url);
    expect(OURA_SUBSCRIBED_DATA_TYPES).toEqual(
      expect.arrayContaining(["sleep", "daily_readiness", "daily_activity", "workout"]),
    );
    const pairs = subscriptions().map((subscription) => `${subscription.eventType} ${subscription.dataType}`);
    const expected = OURA_SUBSCRIBED_DATA_TYPES.flatMap((dataType) => [`create ${dataType}`, `update ${dataType}`]);
    expect(pairs.sort()).toEqual(expected.sort());
    // The sandbox saves a subscription only after our route answered its challenge.
    expect(new Set(subscriptions().map((subscription) => subscription.callbackUrl))).toEqual(new Set([callbackUrl()]));
  });

  it("creates no duplicates when a second account connects and the scheduled pass runs", async () => {
    await connect(database, app.url);
    const ids = subscriptions()
      .map((subscription) => subscription.id)
      .sort();
    await connect(database, app.url);
    const report = await ensureWebhookSubscriptions(database.db, { appUrl: app.url });

    expect(report.oura).toEqual({ created: 0, updated: 0, renewed: 0, unchanged: ids.length, warnings: [] });
    expect(
      subscriptions()
        .map((subscription) => subscription.id)
        .sort(),
    ).toEqual(ids);
    expect(creations()).toBe(ids.length);
  });

  it("renews a subscription about to expire, and only that one", async () => {
    await connect(database, app.url);
    const [expiring, ...others] = subscriptions();
    const agedExpiry = new Date(Date.now() + 2 * DAY_MS);
    expiring!.expiresAt = agedExpiry;
    const otherExpiries = others.map((subscription) => subscription.expiresAt.getTime());

    const outcome = await ensureProviderSubscriptions(database.db, oura, app.url);
    expect(outcome).toMatchObject({ created: 0, renewed: 1, unchanged: others.length });
    expect(expiring!.expiresAt.getTime()).toBeGreaterThan(agedExpiry.getTime());
    expect(expiring!.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.max(...otherExpiries));
    expect(others.map((subscription) => subscription.expiresAt.getTime())).toEqual(otherExpiries);

    // Renewed for good: the next pass finds nothing to do.
    expect(await ensureProviderSubscriptions(database.db, oura, app.url)).toMatchObject({
      renewed: 0,
      unchanged: others.length + 1,
    });
  });

  it("moves the subscriptions to the app's current URL, which answers the challenge again", async () => {
    await connect(database, app.url);
    const moved = await serveWebhookRoute(database);
    try {
      const outcome = await ensureProviderSubscriptions(database.db, oura, moved.url);
      expect(outcome).toMatchObject({ created: 0, updated: subscriptions().length });
      expect(new Set(subscriptions().map((subscription) => subscription.callbackUrl))).toEqual(
        new Set([`${moved.url}/api/webhooks/oura`]),
      );
    } finally {
      await moved.close();
    }
  });

  it("has the sandboxed Oura answer 404 for a subscription it does not hold and 422 naming the field of an invalid update", async () => {
    await connect(database, app.url);
    const headers = { ...ouraClientHeaders(), "content-type": "application/json" };
    const [held] = subscriptions();
    const invalid = await fetch(`${sandbox.url}${SUBSCRIPTIONS}/${held!.id}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ callback_url: callbackUrl() }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ detail: [{ loc: ["body", "verification_token"] }] });

    const unknown = `${sandbox.url}${SUBSCRIPTIONS}/${randomUUID()}`;
    const body = JSON.stringify({ verification_token: "token" });
    const answers = await Promise.all([
      fetch(unknown, { headers }),
      fetch(unknown, { method: "PUT", headers, body }),
      fetch(unknown.replace(SUBSCRIPTIONS, `${SUBSCRIPTIONS}/renew`), { method: "PUT", headers }),
      fetch(unknown, { method: "DELETE", headers }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(subscriptions()).toHaveLength(OURA_SUBSCRIBED_DATA_TYPES.length * 2);
  });

  it("still connects when subscribing fails, and the log names the callback URL Oura could not reach", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // Nothing answers at qt.test, so the sandboxed Oura's challenge fails and it refuses the subscription.
      const { user, connection } = await connect(database, APP_ORIGIN);
      expect((await listConnections(database.db, { userId: user.id })).map((row) => row.id)).toEqual([connection.id]);
      expect(connection.status).toBe("active");
      expect(subscriptions()).toHaveLength(0);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`subscribing to Oura pushes at ${APP_ORIGIN}/api/webhooks/oura failed`),
      );
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("did not answer the verification challenge"));
    } finally {
      warn.mockRestore();
    }
  });

  it("never subscribes while Oura is not configured", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, PROVIDER_BASE_URL: process.env.PROVIDER_BASE_URL };
    // Production without OURA_CLIENT_ID, without QT_SANDBOX and without a simulator: not configured.
    Object.assign(process.env, { NODE_ENV: "production" });
    delete process.env.PROVIDER_BASE_URL;
    try {
      expect(await ensureProviderSubscriptions(database.db, oura, app.url)).toBeUndefined();
    } finally {
      Object.assign(process.env, saved);
    }
    expect(sandbox.state.countCalls({ provider: "oura" })).toBe(0);
  });
});

describe("the sandboxed Oura subscription API", () => {
  it("answers 401 without the application's client id and secret", async () => {
    const { clientId, clientSecret } = sandboxCredentials("oura");
    expect((await fetch(`${sandbox.url}${SUBSCRIPTIONS}`)).status).toBe(401);
    const wrong = await fetch(`${sandbox.url}${SUBSCRIPTIONS}`, {
      headers: { "x-client-id": clientId, "x-client-secret": "guess" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${sandbox.url}${SUBSCRIPTIONS}`, {
      headers: { "x-client-id": clientId, "x-client-secret": clientSecret },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual([]);
  });
});
