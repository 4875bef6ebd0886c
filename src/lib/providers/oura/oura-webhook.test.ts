import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { sandboxCredentials, sandboxWebhookSecret } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, syncNow } from "@tests/sync-driver";
import { serveWebhooks } from "@tests/webhook-server";
import { ouraEventBody, ouraSignature } from "./webhook";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const { clientSecret } = sandboxCredentials("oura");
const uniqueAccount = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function signedHeaders(body: string, secret = clientSecret, at = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  return { "x-oura-timestamp": timestamp, "x-oura-signature": ouraSignature(secret, timestamp, body) };
}

const post = (body: string, headers: Record<string, string>) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/oura`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );
const handshake = (query: string) => readWebhookRequest(new Request(`${ORIGIN}/api/webhooks/oura?${query}`));

describeEachDatabase("Oura webhooks", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  const deliver = async (body: string, headers: Record<string, string>) =>
    handleProviderWebhook(database.db, "oura", await post(body, headers), ORIGIN);

  it("echoes the subscription challenge only for our verification token", async () => {
    const ok = await handleProviderWebhook(
      database.db,
      "oura",
      await handshake(`verification_token=${sandboxWebhookSecret("oura")}&challenge=a1b2c3`),
      ORIGIN,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: "a1b2c3" });

    const wrong = await handleProviderWebhook(
      database.db,
      "oura",
      await handshake("verification_token=guess&challenge=a1b2c3"),
      ORIGIN,
    );
    expect(wrong.status).toBe(401);
    const noChallenge = await handleProviderWebhook(
      database.db,
      "oura",
      await handshake(`verification_token=${sandboxWebhookSecret("oura")}`),
      ORIGIN,
    );
    expect(noChallenge.status).toBe(401);
  });

  it("queues one sync for the person a signed event names, and joins it for a repeat", async () => {
    const { connection } = await connectSandboxAccount(database.db, "oura", uniqueAccount("hooked"));
    const body = JSON.stringify(ouraEventBody(connection.externalUserId, "sleep"));
    const first = await deliver(body, signedHeaders(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, queued: 1 });
    // Oura's example shows upper-case hex; a lower-case copy of the same digest is the same signature.
    const lower = signedHeaders(body);
    expect(
      (await deliver(body, { ...lower, "x-oura-signature": lower["x-oura-signature"]!.toLowerCase() })).status,
    ).toBe(200);

    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "webhook", status: "pending" });
  });

  it("refuses unsigned, mis-signed, re-timed and tampered events with 401 and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "oura", uniqueAccount("forged"));
    const body = JSON.stringify(ouraEventBody(connection.externalUserId));
    const signed = signedHeaders(body);
    const attempts: Array<[string, Record<string, string>]> = [
      [body, {}],
      [body, { "x-oura-timestamp": signed["x-oura-timestamp"]! }],
      [body, { "x-oura-signature": signed["x-oura-signature"]! }],
      [body, signedHeaders(body, "not-the-client-secret")],
      [body, { ...signed, "x-oura-timestamp": String(Number(signed["x-oura-timestamp"]) + 1) }],
      [body.replace("update", "create"), signed],
    ];
    for (const [sent, headers] of attempts) expect((await deliver(sent, headers)).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("refuses a correctly signed event whose timestamp is over five minutes off (a replay), either way", async () => {
    const { connection } = await connectSandboxAccount(database.db, "oura", uniqueAccount("replayed"));
    const body = JSON.stringify(ouraEventBody(connection.externalUserId));
    for (const offsetMs of [-6 * 60_000, 6 * 60_000, -3600_000])
      expect((await deliver(body, signedHeaders(body, clientSecret, Date.now() + offsetMs))).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
    // Four minutes late is still inside the window.
    expect((await deliver(body, signedHeaders(body, clientSecret, Date.now() - 4 * 60_000))).status).toBe(200);
  });

  it("refuses a malformed event with 400 naming the field, and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "oura", uniqueAccount("malformed"));
    const body = JSON.stringify({ ...ouraEventBody(connection.externalUserId), user_id: 42 });
    const response = await deliver(body, signedHeaders(body));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/user_id/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("answers 200 without a sync for data types we do not store", async () => {
    const { connection } = await connectSandboxAccount(database.db, "oura", uniqueAccount("tagged"));
    const body = JSON.stringify(ouraEventBody(connection.externalUserId, "enhanced_tag"));
    const response = await deliver(body, signedHeaders(body));
    expect(response.status).toBe(200);
    // No stream reads enhanced_tag (sync.ts), so the event is received and nothing is queued.
    expect(await response.json()).toEqual({ received: 1, queued: 0 });
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  // Oura sends no revocation event; the next event's sync is what discovers a revoked grant.
  it("lets an event for a person who revoked at Oura start the sync that marks the connection", async () => {
    const account = uniqueAccount("revoker");
    const { connection } = await connectSandboxAccount(database.db, "oura", account);
    sandbox.state.revokeAccount("oura", account);
    const body = JSON.stringify(ouraEventBody(connection.externalUserId));
    expect(await (await deliver(body, signedHeaders(body))).json()).toEqual({ received: 1, queued: 1 });

    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("failed");
    expect((await reloadConnection(database.db, connection.id)).status).toBe("needs_reauth");
    expect(await jobsOf(connection.id)).toHaveLength(1);
  });

  it("lets the sandbox send Oura's signed event to the app, which queues the sync", async () => {
    const account = uniqueAccount("pushed");
    const { connection } = await connectSandboxAccount(database.db, "oura", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/oura?account=${account}&target=${encodeURIComponent(`${app.url}/oura`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 200, body: JSON.stringify({ received: 1, queued: 1 }) });
      expect(await jobsOf(connection.id)).toMatchObject([{ kind: "webhook", status: "pending" }]);
    } finally {
      await app.close();
    }
  });
});
