import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, bodyMeasurements, dailySummaries, ingestReceipts, sleepSessions, syncJobs } from "@/lib/db/schema";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, runQueuedJobs, syncNow } from "@tests/sync-driver";
import { setUpWebhookRoute } from "@tests/webhook-server";
import { garminNotification } from "@/sandbox/garmin/sandbox-data";
import { GARMIN_SUMMARY_TYPES } from "@/sandbox/garmin/sandbox-summaries";

// Push mode end to end: the sandboxed Garmin posts full summaries to our webhook route over
// real HTTP, the route keeps the body and answers, and the push job writes the rows.

const sandbox = setUpSandboxServer();

type Summary = Record<string, unknown> & { summaryId: string; userId: string };
type Push = Record<string, Summary[]>;
const WEEK_S = 7 * 86_400;
let accounts = 0;
// Each test its own Garmin user: a push reaches every connection of the user it names.
const freshAccount = () => `pushed-${Date.now()}-${++accounts}`;
const weekPush = (account: string): Push =>
  JSON.parse(garminNotification(account, "push", { summaryTypes: GARMIN_SUMMARY_TYPES, windowSeconds: WEEK_S }).body);
const headers = garminNotification("anyone", "push").headers;

describeEachDatabase("Garmin push mode", (database) => {
  const app = setUpWebhookRoute(database);
  const post = (body: Push) =>
    fetch(`${app.url}/api/webhooks/garmin`, { method: "POST", headers, body: JSON.stringify(body) });
  /** A connection whose first sync (the backfill request) is behind it. */
  const connected = async (account: string) => {
    const connected = await connectSandboxAccount(database.db, "garmin", account);
    expect((await syncNow(database.db, connected.connection)).status).toBe("succeeded");
    return connected;
  };
  const rowsOf = async (userId: string) => ({
    activities: await database.db.select().from(activities).where(eq(activities.userId, userId)),
    sleeps: await database.db.select().from(sleepSessions).where(eq(sleepSessions.userId, userId)),
    days: await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, userId)),
    bodies: await database.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId)),
  });
  const counted = (rows: Awaited<ReturnType<typeof rowsOf>>) =>
    Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));

  it("stores every summary type a push carries, without fetching anything from Garmin", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const push = weekPush(account);
    for (const type of GARMIN_SUMMARY_TYPES) expect(push[type]!.length, type).toBeGreaterThan(0);

    const response = await post(push);
    expect(response.status).toBe(200);
    const entries = Object.values(push).flat().length;
    expect(await response.json()).toEqual({ received: entries, queued: 1 });
    const [queued] = await database.db
      .select()
      .from(syncJobs)
      .where(and(eq(syncJobs.connectionId, connection.id), eq(syncJobs.status, "pending")));
    expect(queued).toMatchObject({ kind: "push", payload: { receiptId: expect.any(String) } });

    const [job] = await runQueuedJobs(database.db, connection);
    expect(job).toMatchObject({ id: queued!.id, status: "succeeded", inserted: expect.any(Number) });
    for (const type of GARMIN_SUMMARY_TYPES)
      expect(sandbox.state.countCalls({ provider: "garmin", path: `/wellness-api/rest/${type}` }), type).toBe(0);

    const rows = await rowsOf(user.id);
    expect(rows.activities.map((row) => row.externalId).sort()).toEqual(
      push.activities!.map((activity) => String(activity.activityId)).sort(),
    );
    for (const activity of push.activities!) {
      expect(rows.activities.find((row) => row.externalId === String(activity.activityId))).toMatchObject({
        name: activity.activityName,
        durationS: activity.durationInSeconds,
        avgHeartRateBpm: activity.averageHeartRateInBeatsPerMinute,
      });
    }
    expect(rows.sleeps.map((row) => row.externalId).sort()).toEqual(
      push.sleeps!.map((sleep) => sleep.summaryId).sort(),
    );
    for (const sleep of push.sleeps!)
      expect(rows.sleeps.find((row) => row.externalId === sleep.summaryId)).toMatchObject({
        deepS: sleep.deepSleepDurationInSeconds,
        remS: sleep.remSleepInSeconds,
      });
    const day = (date: unknown) => rows.days.find((row) => row.localDate === date);
    for (const daily of push.dailies!)
      expect(day(daily.calendarDate)).toMatchObject({
        steps: daily.steps,
        restingHeartRateBpm: daily.restingHeartRateInBeatsPerMinute,
      });
    for (const hrv of push.hrv!) expect(day(hrv.calendarDate)).toMatchObject({ hrvMs: hrv.lastNightAvg });
    for (const sleep of push.sleeps!)
      expect(day(sleep.calendarDate)).toMatchObject({
        sleepScore: (sleep.overallSleepScore as { value: number }).value,
      });
    for (const stress of push.stressDetails!) {
      expect(day(stress.calendarDate)).toMatchObject({
        bodyBatteryHigh: Math.max(...Object.values(stress.timeOffsetBodyBatteryValues as Record<string, number>)),
      });
    }
    expect(rows.bodies.map((row) => row.weightKg).sort()).toEqual(
      push.bodyComps!.map((body) => (body.weightInGrams as number) / 1000).sort(),
    );

    const [receipt] = await database.db
      .select()
      .from(ingestReceipts)
      .where(eq(ingestReceipts.id, queued!.payload.receiptId as string));
    expect(receipt).toMatchObject({
      userId: null,
      format: "garmin-push",
      status: "processed",
      bodyBytes: JSON.stringify(push).length,
    });
  });

  it("changes rows in place for a re-delivered push and an updated summary, never adding one", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const push = weekPush(account);
    await post(push);
    const [first] = await runQueuedJobs(database.db, connection);
    const before = counted(await rowsOf(user.id));

    // Garmin retries a delivery it thinks failed: the same body again.
    expect((await post(push)).status).toBe(200);
    const [again] = await runQueuedJobs(database.db, connection);
    expect(again).toMatchObject({
      status: "succeeded",
      inserted: 0,
      updated: 0,
      unchanged: first!.inserted + first!.unchanged,
    });
    expect(counted(await rowsOf(user.id))).toEqual(before);

    // Garmin re-sends a summary when it changes (a later sync of the watch), under the same summaryId.
    const daily: Summary = { ...push.dailies![0]!, steps: (push.dailies![0]!.steps as number) + 1234 };
    const activity: Summary = { ...push.activities![0]!, activityName: "Renamed on the watch" };
    expect((await post({ dailies: [daily], activities: [activity] })).status).toBe(200);
    const [updated] = await runQueuedJobs(database.db, connection);
    expect(updated).toMatchObject({ status: "succeeded", inserted: 0, updated: 2 });
    const rows = await rowsOf(user.id);
    expect(counted(rows)).toEqual(before);
    expect(rows.days.find((row) => row.localDate === daily.calendarDate)!.steps).toBe(daily.steps);
    expect(rows.activities.find((row) => row.externalId === String(activity.activityId))!.name).toBe(
      "Renamed on the watch",
    );
  });

  it("writes nothing twice when a push job runs again after its worker died", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    await post(weekPush(account));
    const [job] = await runQueuedJobs(database.db, connection);
    const before = counted(await rowsOf(user.id));
    // The worker committed the rows and died before recording the end: the lease runs out and the job runs again.
    await database.db
      .update(syncJobs)
      .set({ status: "running", leaseExpiresAt: new Date(0), finishedAt: null })
      .where(eq(syncJobs.id, job!.id));
    const [rerun] = await runQueuedJobs(database.db, connection);
    expect(rerun).toMatchObject({ id: job!.id, status: "succeeded" });
    expect(counted(await rowsOf(user.id))).toEqual(before);
  });

  it("writes each person's summaries to their own connection when one body carries several", async () => {
    const [ada, ben] = [freshAccount(), freshAccount()];
    const adaConnected = await connected(ada);
    const benConnected = await connected(ben);
    const [adaPush, benPush] = [weekPush(ada), weekPush(ben)];
    const both = Object.fromEntries(GARMIN_SUMMARY_TYPES.map((type) => [type, [...adaPush[type]!, ...benPush[type]!]]));
    expect(await (await post(both)).json()).toMatchObject({ queued: 2 });
    expect(
      await database.db
        .select()
        .from(ingestReceipts)
        .where(eq(ingestReceipts.format, "garmin-push"))
        .then((list) => list.filter((receipt) => receipt.bodyBytes === JSON.stringify(both).length)),
    ).toHaveLength(1);

    for (const [{ user, connection }, push] of [
      [adaConnected, adaPush],
      [benConnected, benPush],
    ] as const) {
      expect((await runQueuedJobs(database.db, connection)).map((job) => job.status)).toEqual(["succeeded"]);
      const rows = await rowsOf(user.id);
      expect(rows.sleeps.map((row) => row.externalId).sort()).toEqual(
        push.sleeps!.map((sleep) => sleep.summaryId).sort(),
      );
      expect(rows.days.map((row) => row.localDate).sort()).toEqual(
        [
          ...new Set(
            GARMIN_SUMMARY_TYPES.flatMap((type) => push[type]!.map((summary) => summary.calendarDate)).filter(Boolean),
          ),
        ].sort(),
      );
    }
  });

  it("fails the push job naming a malformed summary's field, and writes nothing of that body", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const push = weekPush(account);
    push.dailies![1] = { ...push.dailies![1]!, calendarDate: 5 as unknown as string };
    expect((await post(push)).status).toBe(200);
    const [job] = await runQueuedJobs(database.db, connection);
    expect(job!.status).toBe("failed");
    expect(job!.error).toMatch(/Garmin sent malformed pushed data: dailies\.1\.calendarDate/);
    expect(counted(await rowsOf(user.id))).toEqual({ activities: 0, sleeps: 0, days: 0, bodies: 0 });
    const [receipt] = await database.db
      .select()
      .from(ingestReceipts)
      .where(eq(ingestReceipts.id, job!.payload.receiptId as string));
    expect(receipt).toMatchObject({ status: "failed", error: expect.stringMatching(/dailies\.1\.calendarDate/) });
  });

  it("refuses a push with a malformed entry with 400 naming it, keeping and queueing nothing", async () => {
    const account = freshAccount();
    const { connection } = await connected(account);
    const push = weekPush(account);
    push.sleeps![2] = { ...push.sleeps![2]!, userId: 42 as unknown as string };
    const response = await post(push);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/sleeps\.2\.userId/);
    expect(
      await database.db
        .select()
        .from(syncJobs)
        .where(and(eq(syncJobs.connectionId, connection.id), eq(syncJobs.status, "pending"))),
    ).toEqual([]);
  });

  it("writes the pushed types and fetches the pinged ones when one body mixes both", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const ping = JSON.parse(
      garminNotification(account, "ping", { summaryTypes: ["sleeps"], windowSeconds: 86_400 }).body,
    ) as Push;
    const push = weekPush(account);
    expect(await (await post({ dailies: push.dailies!, sleeps: ping.sleeps! })).json()).toMatchObject({ queued: 2 });
    const ran = await runQueuedJobs(database.db, connection);
    expect(ran.map((job) => [job.kind, job.status]).sort()).toEqual([
      ["push", "succeeded"],
      ["webhook", "succeeded"],
    ]);
    expect(sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/sleeps" })).toBe(1);
    expect(sandbox.state.countCalls({ provider: "garmin", path: "/wellness-api/rest/dailies" })).toBe(0);
    expect((await rowsOf(user.id)).days.filter((row) => row.steps !== null)).toHaveLength(push.dailies!.length);
  });

  it("keeps nothing and queues nothing for a push naming nobody we know", async () => {
    const push = weekPush(freshAccount());
    const response = await post(push);
    expect(await response.json()).toEqual({ received: Object.values(push).flat().length, queued: 0 });
    const kept = await database.db.select().from(ingestReceipts).where(eq(ingestReceipts.format, "garmin-push"));
    expect(kept.filter((receipt) => receipt.bodyBytes === JSON.stringify(push).length)).toHaveLength(0);
  });

  it("is what the sandboxed Garmin sends for an account set to push mode", async () => {
    const account = freshAccount();
    const { user, connection } = await connected(account);
    const control = new URL(`${sandbox.url}/_control/webhooks/garmin`);
    for (const [name, value] of Object.entries({
      account,
      kind: "sync",
      delivery: "push",
      target: `${app.url}/api/webhooks/garmin`,
    }))
      control.searchParams.set(name, value);
    const sent = await (await fetch(control, { method: "POST" })).json();
    expect(sent).toMatchObject({ status: 200, body: expect.stringContaining('"queued":1') });
    expect((await runQueuedJobs(database.db, connection)).map((job) => [job.kind, job.status])).toEqual([
      ["push", "succeeded"],
    ]);
    expect((await rowsOf(user.id)).days.length).toBeGreaterThan(0);
  });
});
