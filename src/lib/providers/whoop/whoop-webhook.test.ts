import { createHmac, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { sandboxAccount, sandboxCredentials } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount } from "@tests/sync-driver";
import { serveWebhooks } from "@tests/webhook-server";
import { whoopSandbox } from "@/sandbox/whoop/sandbox";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const { clientId, clientSecret } = sandboxCredentials("whoop");
const someone = (label: string) => `${label}-${randomUUID()}`;

const eventBody = (userId: number | string, type = "workout.updated") =>
  JSON.stringify({
    user_id: userId,
    id: "ecfc6a15-4661-442f-a9a4-f160dd7afae8",
    type,
    trace_id: "e369c784-5100-49e8-8098-75d35c47b31b",
  });

/** Signed the way WHOOP's docs spell it, independently of the code under test. */
function signed(body: string, options: { secret?: string; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = createHmac("sha256", options.secret ?? clientSecret)
    .update(timestamp + body)
    .digest("base64");
  return { "X-WHOOP-Signature": signature, "X-WHOOP-Signature-Timestamp": timestamp };
}

const post = (body: string, headers: Record<string, string>) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/whoop`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

describeEachDatabase("WHOOP webhooks", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  const deliver = async (body: string, headers: Record<string, string>) =>
    handleProviderWebhook(database.db, "whoop", await post(body, headers), ORIGIN);

  it("queues one sync for the WHOOP user_id an authentic event names", async () => {
    const { connection } = await connectSandboxAccount(database.db, "whoop", someone("hooked"));
    const body = eventBody(Number(connection.externalUserId), "sleep.updated");
    const response = await deliver(body, signed(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, queued: 1 });
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "webhook", status: "pending" });
  });

  it("treats a .deleted event as a change to sync", async () => {
    const { connection } = await connectSandboxAccount(database.db, "whoop", someone("deleted"));
    const body = eventBody(Number(connection.externalUserId), "recovery.deleted");
    expect(await (await deliver(body, signed(body))).json()).toEqual({ received: 1, queued: 1 });
    expect(await jobsOf(connection.id)).toHaveLength(1);
  });

  it("answers 401 and queues nothing for a wrong, missing, stale or misplaced signature", async () => {
    const { connection } = await connectSandboxAccount(database.db, "whoop", someone("forged"));
    const body = eventBody(Number(connection.externalUserId));
    const { "X-WHOOP-Signature": signature, "X-WHOOP-Signature-Timestamp": timestamp } = signed(body);
    const attempts: Array<[string, Record<string, string>]> = [
      ["other secret", signed(body, { secret: "not-the-client-secret" })],
      ["no signature", { "X-WHOOP-Signature-Timestamp": timestamp }],
      ["no timestamp", { "X-WHOOP-Signature": signature }],
      ["no headers", {}],
      ["ten minutes old", signed(body, { timestamp: Date.now() - 10 * 60_000 })],
      [
        "timestamp changed",
        { "X-WHOOP-Signature": signature, "X-WHOOP-Signature-Timestamp": String(Number(timestamp) + 1) },
      ],
      // One third-party implementation puts a "." between timestamp and body; WHOOP does not.
      [
        "dot separator",
        {
          "X-WHOOP-Signature": createHmac("sha256", clientSecret).update(`${timestamp}.${body}`).digest("base64"),
          "X-WHOOP-Signature-Timestamp": timestamp,
        },
      ],
    ];
    for (const [label, headers] of attempts) {
      expect({ label, status: (await deliver(body, headers)).status }).toEqual({ label, status: 401 });
    }
    // Signed over the exact bytes: the same JSON re-spaced no longer verifies.
    expect((await deliver(JSON.stringify(JSON.parse(body), null, 1), signed(body))).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("refuses a malformed event with 400 naming the field, and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "whoop", someone("malformed"));
    const body = eventBody(`${connection.externalUserId}x`);
    const response = await deliver(body, signed(body));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/user_id/);
    const notJson = "user_id=1";
    expect((await deliver(notJson, signed(notJson))).status).toBe(400);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("lets the sandbox send WHOOP's signed webhook to the app, which queues the sync", async () => {
    const account = someone("pushed");
    const { connection } = await connectSandboxAccount(database.db, "whoop", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/whoop?account=${account}&target=${encodeURIComponent(`${app.url}/whoop`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 200, body: JSON.stringify({ received: 1, queued: 1 }) });
      expect(await jobsOf(connection.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

it("builds WHOOP's v2 body for the account's user_id, and no deauthorization WHOOP never sends", () => {
  const webhook = whoopSandbox.buildWebhook!({
    account: "ada",
    kind: "sync",
    webhookSecret: "unused",
    clientId,
    clientSecret,
  })!;
  expect(JSON.parse(webhook.body)).toEqual({
    user_id: sandboxAccount("whoop", "ada").numericId,
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    type: "sleep.updated",
    trace_id: expect.any(String),
  });
  expect(webhook.headers["x-whoop-signature"]).toBe(
    signed(webhook.body, { timestamp: Number(webhook.headers["x-whoop-signature-timestamp"]) })["X-WHOOP-Signature"],
  );
  expect(
    whoopSandbox.buildWebhook!({
      account: "ada",
      kind: "deauthorized",
      webhookSecret: "unused",
      clientId,
      clientSecret,
    }),
  ).toBeUndefined();
});
