import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { sandboxCredentials } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount } from "@tests/sync-driver";
import { serveWebhooks } from "@tests/webhook-server";
import { corosPushBody } from "@/sandbox/coros/sandbox";

const sandbox = setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const { clientId, clientSecret } = sandboxCredentials("coros");
const AUTHENTIC = { client: clientId, secret: clientSecret };
const post = (body: string, headers: Record<string, string>) =>
  readWebhookRequest(
    new Request(`${ORIGIN}/api/webhooks/coros`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

describeEachDatabase("COROS workout push", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));

  it("queues one sync for the openId an authentic push names, and joins it on a repeat", async () => {
    const account = unique("pushed");
    const { connection } = await connectSandboxAccount(database.db, "coros", account);
    const body = JSON.stringify(corosPushBody(account));
    expect(JSON.parse(body).sportDataList[0].openId).toBe(connection.externalUserId);

    const first = await handleProviderWebhook(database.db, "coros", await post(body, AUTHENTIC), ORIGIN);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ result: "0000", message: "OK" });
    // COROS pushes duplicates (a retried push, a re-sent workout): one pending job still.
    await handleProviderWebhook(database.db, "coros", await post(body, AUTHENTIC), ORIGIN);
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: "webhook", status: "pending" });
  });

  it("refuses a push without our client credentials with 401, and queues nothing", async () => {
    const account = unique("forged");
    const { connection } = await connectSandboxAccount(database.db, "coros", account);
    const body = JSON.stringify(corosPushBody(account));
    const attempts: Array<Record<string, string>> = [
      {},
      { client: clientId },
      { client: clientId, secret: "guess" },
      { client: "someone-else", secret: clientSecret },
    ];
    for (const headers of attempts) {
      const response = await handleProviderWebhook(database.db, "coros", await post(body, headers), ORIGIN);
      expect(response.status).toBe(401);
    }
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("refuses a malformed push with 400 naming the field, and queues nothing", async () => {
    const account = unique("malformed");
    const { connection } = await connectSandboxAccount(database.db, "coros", account);
    const [workout] = corosPushBody(account).sportDataList;
    const body = JSON.stringify({ sportDataList: [{ ...workout, openId: undefined }] });
    const response = await handleProviderWebhook(database.db, "coros", await post(body, AUTHENTIC), ORIGIN);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/sportDataList\.0\.openId/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("lets the sandbox push a workout to the app, which queues the sync", async () => {
    const account = unique("sent");
    const { connection } = await connectSandboxAccount(database.db, "coros", account);
    const app = await serveWebhooks((slug, request) => handleProviderWebhook(database.db, slug, request, ORIGIN));
    try {
      const sent = await fetch(
        `${sandbox.url}/_control/webhooks/coros?account=${account}&target=${encodeURIComponent(`${app.url}/coros`)}`,
        { method: "POST" },
      );
      expect(await sent.json()).toMatchObject({ status: 200 });
      expect(await jobsOf(connection.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
