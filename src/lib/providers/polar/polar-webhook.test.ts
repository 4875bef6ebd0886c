import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { sandboxWebhookSecret } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount } from "@tests/sync-driver";
import { serveWebhooks } from "@tests/webhook-server";
import { polarSignature, polarWebhook } from "./webhook";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const SECRET = sandboxWebhookSecret("polar");
const uniqueAccount = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const signed = (body: string, secret = SECRET) => ({ "polar-webhook-signature": polarSignature(body, secret) });
const post = (body: string, headers: Record<string, string> = {}) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/polar`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

const exerciseBody = (userId: number | string) =>
  JSON.stringify({
    event: "EXERCISE",
    user_id: userId,
    entity_id: "aQlC83",
    timestamp: "2026-05-03T16:51:10Z",
    url: "https://www.polaraccesslink.com/v3/exercises/aQlC83",
  });
const PING = JSON.stringify({ event: "PING", timestamp: "2026-05-03T16:51:10Z" });

describe("Polar webhook events", () => {
  const events = async (body: object) => polarWebhook.parseEvents(await post(JSON.stringify(body)));
  const common = { user_id: 475, timestamp: "2026-05-03T07:40:00Z", url: "https://www.polaraccesslink.com/v3/users/x" };

  it("names each subscribable event's type, for the streams that read it", async () => {
    expect(await events({ event: "SLEEP", date: "2026-05-03", ...common })).toEqual([
      { kind: "sync", externalUserId: "475", webhookType: "SLEEP" },
    ]);
    expect(await events({ event: "ACTIVITY_SUMMARY", date: "2026-05-03", ...common })).toEqual([
      { kind: "sync", externalUserId: "475", webhookType: "ACTIVITY_SUMMARY" },
    ]);
    expect(await events({ event: "CONTINUOUS_HEART_RATE", date: "2026-05-03", ...common })).toEqual([
      { kind: "sync", externalUserId: "475", webhookType: "CONTINUOUS_HEART_RATE" },
    ]);
    expect(await events({ event: "PHYSICAL_INFORMATION", ...common })).toEqual([
      { kind: "sync", externalUserId: "475", webhookType: "PHYSICAL_INFORMATION" },
    ]);
  });

  it("names no sync for SleepWise, which we do not store", async () => {
    expect(await events({ event: "SLEEP_WISE_ALERTNESS", from: "2026-05-01", to: "2026-05-03", ...common })).toEqual(
      [],
    );
  });

  it("accepts an upper-case hex signature and refuses one without a configured secret", async () => {
    const body = exerciseBody(475);
    const request = await post(body, { "polar-webhook-signature": polarSignature(body, SECRET).toUpperCase() });
    expect(polarWebhook.isAuthentic(request, { clientId: "c", clientSecret: "s", webhookSecret: SECRET })).toBe(true);
    expect(polarWebhook.isAuthentic(request, { clientId: "c", clientSecret: "s" })).toBe(false);
  });
});

describeEachDatabase("Polar webhooks", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));

  it("answers the creation PING with 200, signed or not, and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", uniqueAccount("ping"));
    for (const headers of [{}, signed(PING), { "polar-webhook-signature": "0".repeat(64) }]) {
      const response = await handleProviderWebhook(database.db, "polar", await post(PING, headers), ORIGIN);
      expect(response.status).toBe(200);
    }
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("queues one sync for the user an authentic EXERCISE event names", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", uniqueAccount("exercise"));
    const body = exerciseBody(Number(connection.externalUserId));
    const response = await handleProviderWebhook(database.db, "polar", await post(body, signed(body)), ORIGIN);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, queued: 1 });
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "webhook", status: "pending" });
  });

  it("refuses a missing, wrong or foreign-keyed signature with 401 and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", uniqueAccount("forged"));
    const body = exerciseBody(Number(connection.externalUserId));
    const otherBody = exerciseBody(Number(connection.externalUserId) + 1);
    for (const headers of [
      {},
      signed(body, "not-the-secret"),
      signed(otherBody),
      { "polar-webhook-signature": "garbage" },
    ]) {
      const response = await handleProviderWebhook(database.db, "polar", await post(body, headers), ORIGIN);
      expect(response.status).toBe(401);
    }
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("refuses a malformed event with 400 naming the field, and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", uniqueAccount("malformed"));
    const body = JSON.stringify({
      ...JSON.parse(exerciseBody(Number(connection.externalUserId))),
      entity_id: undefined,
      user_id: "not-a-number",
    });
    const response = await handleProviderWebhook(database.db, "polar", await post(body, signed(body)), ORIGIN);
    expect(response.status).toBe(400);
    const { message } = (await response.json()).error;
    expect(message).toMatch(/user_id/);
    expect(message).toMatch(/entity_id/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("lets the sandbox send Polar's signed webhook to the app, which queues the sync", async () => {
    const account = uniqueAccount("pushed");
    const { connection } = await connectSandboxAccount(database.db, "polar", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/polar?account=${account}&target=${encodeURIComponent(`${app.url}/polar`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 200, body: JSON.stringify({ received: 1, queued: 1 }) });
      expect(await jobsOf(connection.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
