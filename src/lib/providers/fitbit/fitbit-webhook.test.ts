import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { sandboxCredentials, sandboxWebhookSecret } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount } from "@tests/sync-driver";
import { serveWebhooks } from "@tests/webhook-server";
import { fitbitSandbox } from "@/sandbox/fitbit/sandbox";
import { fitbitWebhook } from "./webhook";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const SECRET = sandboxWebhookSecret("fitbit");
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** The notification Google would send for a sandbox account, as the sandbox builds it. */
const notificationFor = (account: string) =>
  fitbitSandbox.buildWebhook!({ account, kind: "sync", webhookSecret: SECRET, ...sandboxCredentials("fitbit") })!;

const post = (body: string, headers: Record<string, string>) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/fitbit`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

describeEachDatabase("Fitbit (Google Health) notifications", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  const deliver = async (body: string, headers: Record<string, string> = {}) =>
    handleProviderWebhook(database.db, "fitbit", await post(body, headers), ORIGIN);

  it("answers Google's verification probe 201 with the secret and 401 without or with a wrong one, queuing nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "fitbit", unique("verified"));
    const probe = JSON.stringify({ type: "verification" });
    expect((await deliver(probe, { authorization: SECRET })).status).toBe(201);
    expect((await deliver(probe)).status).toBe(401);
    expect((await deliver(probe, { authorization: `${SECRET}x` })).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("queues one sync for the healthUserId an authentic notification names, and answers 204", async () => {
    const account = unique("notified");
    const { connection } = await connectSandboxAccount(database.db, "fitbit", account);
    const notification = notificationFor(account);
    const request = await post(notification.body, notification.headers);
    expect(fitbitWebhook.parseEvents(request)).toEqual([
      { kind: "sync", externalUserId: connection.externalUserId, webhookType: "exercise" },
    ]);

    const response = await deliver(notification.body, notification.headers);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: "webhook",
      status: "pending",
      payload: { reason: "webhook", streams: ["exercise"] },
    });
  });

  it("also accepts a single envelope instead of an array", async () => {
    const account = unique("single");
    const { connection } = await connectSandboxAccount(database.db, "fitbit", account);
    const notification = notificationFor(account);
    const [envelope] = JSON.parse(notification.body) as Array<{ data: Record<string, unknown> }>;
    const body = JSON.stringify({ data: { ...envelope!.data, dataType: "sleep" } });
    expect(fitbitWebhook.parseEvents(await post(body, notification.headers))).toEqual([
      { kind: "sync", externalUserId: connection.externalUserId, webhookType: "sleep" },
    ]);
    expect((await deliver(body, notification.headers)).status).toBe(204);
    expect(await jobsOf(connection.id)).toHaveLength(1);
  });

  it("refuses a notification with a wrong or missing Authorization with 401, and queues nothing", async () => {
    const account = unique("forged");
    const { connection } = await connectSandboxAccount(database.db, "fitbit", account);
    const { body } = notificationFor(account);
    expect((await deliver(body, { authorization: "Bearer guess" })).status).toBe(401);
    expect((await deliver(body)).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("refuses a malformed notification with 400 naming the field, and queues nothing", async () => {
    const account = unique("malformed");
    const { connection } = await connectSandboxAccount(database.db, "fitbit", account);
    const body = JSON.stringify([
      { data: { healthUserId: Number(connection.externalUserId), operation: "UPSERT", dataType: "exercise" } },
    ]);
    const response = await deliver(body, { authorization: SECRET });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/0\.data\.healthUserId/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("lets the sandbox send Google's notification to the app, which queues the sync and answers 204", async () => {
    const account = unique("pushed");
    const { connection } = await connectSandboxAccount(database.db, "fitbit", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/fitbit?account=${account}&target=${encodeURIComponent(`${app.url}/fitbit`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 204 });
      expect(await jobsOf(connection.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
