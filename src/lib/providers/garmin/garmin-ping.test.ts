import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { activities, dailySummaries, sleepSessions, syncJobs } from "@/lib/db/schema";
import { sandboxCredentials } from "@/sandbox/accounts";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, syncNow } from "@tests/sync-driver";
import { garminSandbox } from "@/sandbox/garmin/sandbox";
import { garminDeliveryStore } from "@/sandbox/garmin/sandbox-backfill";
import { garminNotification } from "@/sandbox/garmin/sandbox-data";
import { GARMIN_SUMMARY_TYPES, garminUploadedSummaries } from "@/sandbox/garmin/sandbox-summaries";
import { garminNotificationSchema } from "./schemas";

// Ping → queued job → the sync fetches the ping's callbackURLs, end to end over real HTTP.

const sandbox = setUpSandboxServer();

const ORIGIN = "http://qt.test";
const HOST = "apis.garmin.com";
type Notification = { body: string; headers: Record<string, string> };
// The summaries' callbackURLs; the activities' files (activityFiles) are fetched apart.
const callbackUrlsOf = (ping: Notification) =>
  Object.entries(garminNotificationSchema.parse(JSON.parse(ping.body))).flatMap(([type, entries]) =>
    type === "activityFiles" ? [] : (entries as Array<{ callbackURL?: string }>).map((entry) => entry.callbackURL!),
  );
const entriesOf = (ping: Notification, type: string) => (JSON.parse(ping.body)[type] ?? []) as unknown[];
let accounts = 0;
// Each test its own Garmin user: pings reach every connection of the user they name.
const freshAccount = () => `pinged-${Date.now()}-${++accounts}`;
const dayPing = (account: string) =>
  garminSandbox.buildWebhook!({ account, kind: "sync", webhookSecret: "", ...sandboxCredentials("garmin") })!;

describeEachDatabase("Garmin pings", (database) => {
  const deliver = async (notification: Notification) =>
    handleProviderWebhook(
      database.db,
      "garmin",
      await readWebhookRequest(new Request(`${ORIGIN}/api/webhooks/garmin`, { method: "POST", ...notification })),
      ORIGIN,
    );
  const jobsOf = (connectionId: string) =>
    database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  /** A connection whose first sync (the backfill request) is behind it. */
  const connected = async (account: string) => {
    const connected = await connectSandboxAccount(database.db, "garmin", account);
    expect((await syncNow(database.db, connected.connection)).status).toBe("succeeded");
    return connected;
  };

  it("fetches exactly a ping's callbackURLs and stores those summaries", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const backfills = garminDeliveryStore(sandbox.state).backfills.length;
    const ping = dayPing(account);
    const urls = callbackUrlsOf(ping);
    expect(urls).toHaveLength(GARMIN_SUMMARY_TYPES.length);
    const files = entriesOf(ping, "activityFiles").length;
    expect(await (await deliver(ping)).json()).toEqual({ received: urls.length + files, queued: 1 });
    const [queued] = await jobsOf(connection.id).then((jobs) => jobs.filter((job) => job.status === "pending"));
    expect(queued!.payload).toEqual({ reason: "webhook", callbackUrls: urls });

    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ id: queued!.id, status: "succeeded" });
    expect(garminDeliveryStore(sandbox.state).callbacksFetched.sort()).toEqual([...urls].sort());
    expect(garminDeliveryStore(sandbox.state).activityFilesFetched).toHaveLength(files);
    expect(garminDeliveryStore(sandbox.state).backfills).toHaveLength(backfills);

    // The rows are the summaries uploaded in the ping's window, with their values.
    const { uploadStartTimeInSeconds: start, uploadEndTimeInSeconds: end } = JSON.parse(ping.body).dailies[0];
    const expected = (type: (typeof GARMIN_SUMMARY_TYPES)[number]) =>
      garminUploadedSummaries(type, account, start, end).map(({ summary }) => summary);
    const stored = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    expect(stored.map((row) => row.externalId).sort()).toEqual(
      expected("activities")
        .map((summary) => String(summary.summaryId))
        .sort(),
    );
    const sleeps = await database.db.select().from(sleepSessions).where(eq(sleepSessions.userId, user.id));
    expect(sleeps.map((row) => row.externalId).sort()).toEqual(
      expected("sleeps")
        .map((summary) => String(summary.summaryId))
        .sort(),
    );
    const days = await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id));
    const dailies = expected("dailies");
    expect(dailies.length).toBeGreaterThan(0);
    for (const daily of dailies) {
      expect(days.find((row) => row.localDate === daily.calendarDate)).toMatchObject({
        steps: daily.steps,
        restingHeartRateBpm: daily.restingHeartRateInBeatsPerMinute,
      });
    }
  });

  it("fetches the callbackURLs of two pings that joined one job", async () => {
    const account = freshAccount();
    const { connection } = await connected(account);
    const first = garminNotification(account, "ping", { summaryTypes: ["dailies"], windowSeconds: 86_400 });
    const second = garminNotification(account, "ping", { summaryTypes: ["sleeps"], windowSeconds: 86_400 });
    await deliver(first);
    await deliver(second);
    expect((await jobsOf(connection.id)).filter((job) => job.status === "pending")).toHaveLength(1);
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    expect(garminDeliveryStore(sandbox.state).callbacksFetched.sort()).toEqual(
      [...callbackUrlsOf(first), ...callbackUrlsOf(second)].sort(),
    );
  });

  it("never fetches a callbackURL on another host", async () => {
    const account = freshAccount();
    const { connection } = await connected(account);
    const ping = garminNotification(account, "ping", { summaryTypes: ["dailies"], windowSeconds: 86_400 });
    const forged = ping.body.replace("https://apis.garmin.com/", "https://evil.example/");
    expect(forged).toContain("evil.example");
    await deliver({ body: forged, headers: ping.headers });
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      expect((await syncNow(database.db, connection)).status).toBe("succeeded");
      expect(
        fetchSpy.mock.calls
          .map(([input]) => String(input instanceof Request ? input.url : input))
          .filter((url) => url.includes("evil.example")),
      ).toEqual([]);
    } finally {
      fetchSpy.mockRestore();
    }
    expect(garminDeliveryStore(sandbox.state).callbacksFetched).toEqual([]);
    expect(sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/dailies" })).toBe(0);
  });

  it("refuses an OAuth 2.0 pull without a ping's token, or with another window's", async () => {
    const account = freshAccount();
    await connected(account);
    const [url] = callbackUrlsOf(garminNotification(account, "ping"));
    const bearer = { authorization: `Bearer ${[...sandbox.state.accessTokens.keys()][0]}` };
    const viaSandbox = (real: string) => `${sandbox.url}/${HOST}${new URL(real).pathname}${new URL(real).search}`;
    expect((await fetch(viaSandbox(url!), { headers: bearer })).status).toBe(200);
    const untokened = new URL(url!);
    untokened.searchParams.delete("token");
    expect((await fetch(viaSandbox(untokened.toString()), { headers: bearer })).status).toBe(400);
    const moved = new URL(url!);
    moved.searchParams.set(
      "uploadStartTimeInSeconds",
      String(Number(moved.searchParams.get("uploadStartTimeInSeconds")) - 60),
    );
    expect((await fetch(viaSandbox(moved.toString()), { headers: bearer })).status).toBe(400);
  });

  it("waits out a 429 on a callbackURL as Retry-After says and finishes", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    await deliver(garminNotification(account, "ping", { summaryTypes: ["dailies"], windowSeconds: 86_400 }));
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/rest/dailies",
      kind: "rate_limit",
      times: 1,
      retryAfterSeconds: 7,
    });
    const { waits, sleep } = recordingSleep();
    expect((await syncNow(database.db, connection, { sleep })).status).toBe("succeeded");
    expect(waits).toContain(7000);
    expect(garminDeliveryStore(sandbox.state).callbacksFetched).toHaveLength(1);
    expect(
      (await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id))).length,
    ).toBeGreaterThan(0);
  });

  it("stops the stream of a malformed callback answer naming the field", async () => {
    const account = freshAccount();
    const { connection } = await connected(account);
    await deliver(garminNotification(account, "ping", { summaryTypes: ["dailies"], windowSeconds: 86_400 }));
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/rest/dailies",
      kind: "malformed",
      times: 1,
      body: [{ summaryId: "x", calendarDate: 5, startTimeInSeconds: 1 }],
    });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/dailies.*0\.calendarDate/);
  });
});
