import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { decryptSecret } from "@/lib/crypto/encryption";
import { providerWebhookSecrets } from "@/lib/db/schema";
import { sandboxCredentials, sandboxWebhookSecret } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { ensureProviderSubscriptions } from "@/lib/webhooks/subscriptions";
import { resolveWebhookSecrets } from "@/lib/webhooks/webhook-secrets";
import { describeEachDatabase, type TestDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { serveWebhookRoute, setUpWebhookRoute } from "@tests/webhook-server";
import { polarSandbox } from "@/sandbox/polar/sandbox";
import { polarSandboxWebhook } from "@/sandbox/polar/sandbox-webhooks";
import { POLAR_SIGNATURE_HEADER, polarSignature, polarWebhook } from "./webhook";
import { POLAR_SUBSCRIBED_EVENTS } from "./webhook-registration";
import { polar } from ".";

const sandbox = setUpSandboxServer();

const WEBHOOKS = "/www.polaraccesslink.com/v3/webhooks";
const basicAuth = () => {
  const { clientId, clientSecret } = sandboxCredentials("polar");
  return { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` };
};
const registrations = () => sandbox.state.countCalls({ provider: "polar", method: "POST", path: "/v3/webhooks" });
const registered = () => {
  const webhook = polarSandboxWebhook(sandbox.state);
  if (!webhook) throw new Error("no webhook registered in the sandbox");
  return webhook;
};

async function connect(database: TestDatabase, origin: string) {
  const user = await createTestUser(database.db);
  const query = await authorizeAtProvider(database.db, {
    userId: user.id,
    provider: "polar",
    account: `hook-${randomUUID().slice(0, 8)}`,
  });
  return completeConnection(database.db, { userId: user.id, query, origin });
}

const exerciseBody = JSON.stringify({
  event: "EXERCISE",
  user_id: 475,
  entity_id: "aQlC83",
  timestamp: "2026-05-03T16:51:10Z",
  url: "https://www.polaraccesslink.com/v3/exercises/aQlC83",
});
const signedWith = (secret: string) =>
  readWebhookRequest(
    new Request(`${APP_ORIGIN}/api/webhooks/polar`, {
      method: "POST",
      body: exerciseBody,
      headers: { "content-type": "application/json", [POLAR_SIGNATURE_HEADER]: polarSignature(exerciseBody, secret) },
    }),
  );

describeEachDatabase("Polar webhook registration", (database) => {
  const app = setUpWebhookRoute(database);
  // Keyed by the simulator's URL, so no other test file's Polar key is ever in play here.
  const storedRow = async () =>
    (
      await database.db
        .select()
        .from(providerWebhookSecrets)
        .where(and(eq(providerWebhookSecrets.provider, "polar"), eq(providerWebhookSecrets.endpoint, sandbox.url)))
    )[0];

  it("registers the webhook when the first account connects, and keeps its one-time key encrypted", async () => {
    await connect(database, app.url);
    const webhook = registered();
    expect(webhook.url).toBe(`${app.url}/api/webhooks/polar`);
    expect([...webhook.events].sort()).toEqual([...POLAR_SUBSCRIBED_EVENTS].sort());
    expect(POLAR_SUBSCRIBED_EVENTS).toEqual(expect.arrayContaining(["EXERCISE", "SLEEP", "ACTIVITY_SUMMARY"]));

    const row = await storedRow();
    expect(row?.webhookId).toBe(webhook.id);
    expect(row!.encryptedSecret).not.toContain(webhook.signatureSecretKey);
    expect(decryptSecret(row!.encryptedSecret)).toBe(webhook.signatureSecretKey);
  });

  it("verifies a push signed with the stored key, and refuses one signed with any other", async () => {
    await connect(database, app.url);
    const secrets = await resolveWebhookSecrets(database.db, "polar", APP_ORIGIN);
    expect(secrets?.webhookSecret).toBe(registered().signatureSecretKey);

    expect(polarWebhook.isAuthentic(await signedWith(registered().signatureSecretKey), secrets!)).toBe(true);
    expect(polarWebhook.isAuthentic(await signedWith(sandboxWebhookSecret("polar")), secrets!)).toBe(false);
    expect(polarWebhook.isAuthentic(await signedWith("not-the-key"), secrets!)).toBe(false);
    // The sandboxed Polar signs what it sends with the key it handed out.
    const pushed = polarSandbox.buildWebhook!({
      account: "ada",
      kind: "sync",
      webhookSecret: sandboxWebhookSecret("polar"),
      ...sandboxCredentials("polar"),
      state: sandbox.state,
    })!;
    const request = await readWebhookRequest(
      new Request(`${APP_ORIGIN}/api/webhooks/polar`, { method: "POST", body: pushed.body, headers: pushed.headers }),
    );
    expect(polarWebhook.isAuthentic(request, secrets!)).toBe(true);
  });

  it("lets /api/webhooks/polar accept a push signed with the stored key and answer 401 to any other", async () => {
    await connect(database, app.url);
    const accepted = await handleProviderWebhook(
      database.db,
      "polar",
      await signedWith(registered().signatureSecretKey),
      APP_ORIGIN,
    );
    expect(accepted.status).toBe(200);
    const refused = await handleProviderWebhook(
      database.db,
      "polar",
      await signedWith(sandboxWebhookSecret("polar")),
      APP_ORIGIN,
    );
    expect(refused.status).toBe(401);
  });

  it("registers nothing more when a second account connects or the scheduled pass runs", async () => {
    await connect(database, app.url);
    const { id, signatureSecretKey } = registered();
    await connect(database, app.url);
    expect(await ensureProviderSubscriptions(database.db, polar, app.url)).toEqual({
      created: 0,
      updated: 0,
      renewed: 0,
      unchanged: 1,
      warnings: [],
    });

    expect(registrations()).toBe(1);
    expect(registered()).toMatchObject({ id, signatureSecretKey });
    expect(decryptSecret((await storedRow())!.encryptedSecret)).toBe(signatureSecretKey);
  });

  it("reuses the webhook Polar holds when creating one answers 409", async () => {
    await connect(database, app.url);
    const { id, signatureSecretKey } = registered();
    // The list comes back empty once, as if the webhook were created right after we looked.
    const fault = {
      host: "www.polaraccesslink.com",
      pathIncludes: "/v3/webhooks",
      kind: "malformed",
      body: { data: [] },
      times: 1,
    };
    await fetch(`${sandbox.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });

    const outcome = await ensureProviderSubscriptions(database.db, polar, app.url);
    expect(outcome).toEqual({ created: 0, updated: 0, renewed: 0, unchanged: 1, warnings: [] });
    expect(registrations()).toBe(2);
    expect(registered()).toMatchObject({ id, signatureSecretKey });
    expect(await storedRow()).toMatchObject({ webhookId: id });
    expect(decryptSecret((await storedRow())!.encryptedSecret)).toBe(signatureSecretKey);
  });

  it("points the webhook at the app's current URL, keeping its key", async () => {
    await connect(database, app.url);
    const { id, signatureSecretKey } = registered();
    const moved = await serveWebhookRoute(database);
    try {
      expect(await ensureProviderSubscriptions(database.db, polar, moved.url)).toMatchObject({
        created: 0,
        updated: 1,
      });
      expect(registered()).toMatchObject({ id, signatureSecretKey, url: `${moved.url}/api/webhooks/polar` });
    } finally {
      await moved.close();
    }
  });

  it("has the sandboxed Polar answer 404 for a webhook it does not hold and 400 naming the field of an invalid update", async () => {
    await connect(database, app.url);
    const headers = { ...basicAuth(), "content-type": "application/json" };
    const invalid = await fetch(`${sandbox.url}${WEBHOOKS}/${registered().id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ events: ["NOT_AN_EVENT"] }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      errorType: "BAD_REQUEST",
      message: expect.stringMatching(/^events\.0: /),
    });

    const patched = await fetch(`${sandbox.url}${WEBHOOKS}/not-ours`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ events: ["SLEEP"] }),
    });
    const deleted = await fetch(`${sandbox.url}${WEBHOOKS}/not-ours`, { method: "DELETE", headers });
    expect([patched.status, deleted.status]).toEqual([404, 404]);
    expect(registered().events).toEqual(expect.arrayContaining([...POLAR_SUBSCRIBED_EVENTS]));
  });

  it("re-activates a webhook Polar deactivated after failed deliveries", async () => {
    await connect(database, app.url);
    const deactivated = await fetch(`${sandbox.url}${WEBHOOKS}/deactivate`, { method: "POST", headers: basicAuth() });
    expect(deactivated.status).toBe(204);
    expect(registered().isActive).toBe(false);

    expect(await ensureProviderSubscriptions(database.db, polar, app.url)).toMatchObject({ updated: 1 });
    expect(registered().isActive).toBe(true);
  });

  it("warns, and deletes nothing, when the webhook's key was never kept here", async () => {
    await connect(database, app.url);
    const { id } = registered();
    await database.db
      .delete(providerWebhookSecrets)
      .where(and(eq(providerWebhookSecrets.provider, "polar"), eq(providerWebhookSecrets.endpoint, sandbox.url)));

    const outcome = await ensureProviderSubscriptions(database.db, polar, app.url);
    expect(outcome?.warnings).toEqual([expect.stringContaining(`webhook ${id}`)]);
    expect(registered().id).toBe(id);
    expect(registrations()).toBe(1);
  });
});

describe("the sandboxed Polar webhook API", () => {
  it("answers 401 without the client's Basic credentials", async () => {
    expect((await fetch(`${sandbox.url}${WEBHOOKS}`)).status).toBe(401);
    const wrong = `Basic ${Buffer.from(`${sandboxCredentials("polar").clientId}:guess`).toString("base64")}`;
    expect((await fetch(`${sandbox.url}${WEBHOOKS}`, { headers: { authorization: wrong } })).status).toBe(401);
    const listed = await fetch(`${sandbox.url}${WEBHOOKS}`, { headers: basicAuth() });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ data: [] });
  });
});
