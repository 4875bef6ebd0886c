import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { syncJobs } from "@/lib/db/schema";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount } from "@tests/sync-driver";
import { garminNotification } from "@/sandbox/garmin/sandbox-data";
import { garminNotificationSchema } from "./schemas";

// The simulators serve the OAuth dance that connectSandboxAccount plays.
setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const post = (notification: { body: string; headers: Record<string, string> }) =>
  readWebhookRequest(new Request(`${ORIGIN}/api/webhooks/garmin`, { method: "POST", ...notification }));

describeEachDatabase("Garmin notifications", (database) => {
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  const deliver = async (notification: { body: string; headers: Record<string, string> }) =>
    handleProviderWebhook(database.db, "garmin", await post(notification), ORIGIN);

  it("queues a sync for the person an authentic ping names, and 200s", async () => {
    const account = `pinged-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const ping = garminNotification(account, "ping", { summaryTypes: ["sleeps"] });
    const entry = garminNotificationSchema.parse(JSON.parse(ping.body)).sleeps![0]!;
    expect(entry).toMatchObject({
      userId: connection.externalUserId,
      callbackURL: expect.stringContaining("apis.garmin.com/wellness-api/rest/sleeps?uploadStartTimeInSeconds="),
    });

    const response = await deliver(ping);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, queued: 1 });
    expect(await jobsOf(connection.id)).toEqual([
      expect.objectContaining({
        kind: "webhook",
        status: "pending",
        payload: { reason: "webhook", callbackUrls: [entry.callbackURL] },
      }),
    ]);
  });

  it("gathers the callbackURLs of two pings that arrive before the sync runs into one job", async () => {
    const account = `twice-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const first = garminNotification(account, "ping", { summaryTypes: ["dailies", "sleeps"] });
    const second = garminNotification(account, "ping", { summaryTypes: ["dailies"] });
    const urlsOf = (ping: { body: string }) =>
      Object.values(garminNotificationSchema.parse(JSON.parse(ping.body))).flatMap((entries) =>
        entries!.map((entry) => (entry as { callbackURL: string }).callbackURL),
      );
    expect((await deliver(first)).status).toBe(200);
    expect((await deliver(second)).status).toBe(200);
    const jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload.callbackUrls).toEqual([...urlsOf(first), ...urlsOf(second)]);
    expect(new Set(jobs[0]!.payload.callbackUrls as string[]).size).toBe(3);
  });

  it("keeps only callbackURLs on Garmin's API host and path, still queueing the sync", async () => {
    const account = `foreign-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const ping = garminNotification(account, "ping", { summaryTypes: ["dailies"] });
    const good = JSON.parse(ping.body).dailies[0];
    const foreign = [
      "https://evil.example/wellness-api/rest/dailies?token=x",
      "http://apis.garmin.com/wellness-api/rest/dailies",
      "https://apis.garmin.com/other/rest/dailies",
      "https://user@apis.garmin.com/wellness-api/rest/dailies",
      "not a url",
    ];
    const body = JSON.stringify({ dailies: [good, ...foreign.map((callbackURL) => ({ ...good, callbackURL }))] });
    expect((await deliver({ body, headers: ping.headers })).status).toBe(200);
    expect(await jobsOf(connection.id)).toEqual([
      expect.objectContaining({ payload: { reason: "webhook", callbackUrls: [good.callbackURL] } }),
    ]);
  });

  it("keeps a push of several summaries for one job that writes them, and queues no sync", async () => {
    const account = `push-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const push = garminNotification(account, "push", {
      summaryTypes: ["dailies", "sleeps"],
      windowSeconds: 3 * 86_400,
    });
    expect(JSON.parse(push.body).dailies[0]).toMatchObject({
      userId: connection.externalUserId,
      calendarDate: expect.any(String),
      steps: expect.any(Number),
    });
    expect((await deliver(push)).status).toBe(200);
    expect(await jobsOf(connection.id)).toEqual([
      expect.objectContaining({ kind: "push", status: "pending", payload: { receiptId: expect.any(String) } }),
    ]);
  });

  it("refuses a notification without our client id with 401 and queues nothing", async () => {
    const account = `forged-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const ping = garminNotification(account, "ping");
    const unsigned = { ...ping.headers };
    delete unsigned["garmin-client-id"];
    expect((await deliver({ body: ping.body, headers: unsigned })).status).toBe(401);
    expect((await deliver(garminNotification(account, "ping", { clientId: "someone-else" }))).status).toBe(401);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("answers a malformed body with 400 naming the field", async () => {
    const account = `malformed-${Date.now()}`;
    const { connection } = await connectSandboxAccount(database.db, "garmin", account);
    const ping = garminNotification(account, "ping", { summaryTypes: ["dailies"] });
    const broken = JSON.stringify({ dailies: [{ ...JSON.parse(ping.body).dailies[0], userId: 42 }] });
    const response = await deliver({ body: broken, headers: ping.headers });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/dailies\.0\.userId/);
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("queues the confirming sync for a deregistration and a permission revocation", async () => {
    for (const kind of ["deregistration", "permissions_revoked"] as const) {
      const account = `${kind}-${Date.now()}`;
      const { connection } = await connectSandboxAccount(database.db, "garmin", account);
      const response = await deliver(garminNotification(account, kind));
      expect(response.status).toBe(200);
      expect(await jobsOf(connection.id)).toEqual([
        expect.objectContaining({ kind: "webhook", payload: expect.objectContaining({ reason: "deauthorized" }) }),
      ]);
    }
  });

  it("ignores users it does not know", async () => {
    const response = await deliver(garminNotification(`stranger-${Date.now()}`, "ping"));
    expect(await response.json()).toEqual({ received: 1, queued: 0 });
  });
});
