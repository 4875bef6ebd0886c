import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { stravaEventBody } from "@/lib/providers/strava/webhook";
import { sandboxWebhookSecret } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "../databases";
import { serveWebhooks } from "../webhook-server";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount } from "../sync-driver";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const post = (provider: string, body: string, headers: Record<string, string> = {}) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/${provider}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );

describeEachDatabase("provider webhooks", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));

  it("answers Strava's subscription handshake only with our verify token", async () => {
    const url = (token: string) =>
      `${ORIGIN}/api/webhooks/strava?hub.mode=subscribe&hub.challenge=15f7d1a91c1f40f8&hub.verify_token=${token}`;
    const ok = await handleProviderWebhook(
      database.db,
      "strava",
      await readWebhookRequest(new Request(url(sandboxWebhookSecret("strava")))),
      ORIGIN,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ "hub.challenge": "15f7d1a91c1f40f8" });
    const wrong = await handleProviderWebhook(
      database.db,
      "strava",
      await readWebhookRequest(new Request(url("guess"))),
      ORIGIN,
    );
    expect(wrong.status).toBe(403);
  });

  it("queues one sync for the athlete a Strava event names, and joins it for a second event", async () => {
    const { connection } = await connectSandboxAccount(database.db, "strava", `hooked-${Date.now()}`);
    const body = JSON.stringify(stravaEventBody(Number(connection.externalUserId), "activity_created"));
    const first = await handleProviderWebhook(database.db, "strava", await post("strava", body), ORIGIN);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, queued: 1 });
    await handleProviderWebhook(database.db, "strava", await post("strava", body), ORIGIN);
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "webhook", status: "pending" });
  });

  it("refuses a malformed event with 400 naming the field, and queues nothing", async () => {
    const { connection } = await connectSandboxAccount(database.db, "strava", `malformed-${Date.now()}`);
    const body = JSON.stringify({
      ...stravaEventBody(Number(connection.externalUserId), "activity_created"),
      owner_id: "x",
    });
    const response = await handleProviderWebhook(database.db, "strava", await post("strava", body), ORIGIN);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/owner_id/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("lets the sandbox send Strava's webhook to the app, which queues the sync", async () => {
    const account = `pushed-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "strava", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/strava?account=${account}&target=${encodeURIComponent(`${app.url}/strava`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 200 });
      expect(await jobsOf(connection.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it("answers 404 for a provider without webhooks", async () => {
    const response = await handleProviderWebhook(database.db, "nobody", await post("nobody", "{}"), ORIGIN);
    expect(response.status).toBe(404);
  });
});
