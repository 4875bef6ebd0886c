import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, bodyMeasurements, dailySummaries, sleepSessions } from "@/lib/db/schema";
import { completeConnection, startConnection } from "@/lib/connections/connect";
import { syntheticWorkouts } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, syncNow } from "@tests/sync-driver";
import { garminDeliveryStore } from "@/sandbox/garmin/sandbox-backfill";
import {
  GARMIN_SUMMARY_TYPES,
  garminUploadedSummaries,
  type GarminSummaryType,
} from "@/sandbox/garmin/sandbox-summaries";
import { garminSync } from "./sync";

const sandbox = setUpSandboxServer();

const HOST = "apis.garmin.com";
const DAY_S = 86_400;
const WINDOWS = garminSync.backfillDays;
const HISTORY_DAYS = 90;
const nowS = () => Math.floor(Date.now() / 1000);
const allPulls = () => GARMIN_SUMMARY_TYPES.reduce((sum, type) => sum + pulls(type), 0);
const pulls = (type: GarminSummaryType) =>
  sandbox.state.countCalls({ provider: "garmin", path: `/wellness-api/rest/${type}` });
const summaryIds = (type: GarminSummaryType, account: string, start: number, end: number) =>
  garminUploadedSummaries(type, account, start, end).map(({ summary }) => String(summary.summaryId));

describeEachDatabase("Garmin sync", (database) => {
  const rowsOf = async (userId: string) => {
    const db = database.db;
    return {
      activities: await db.select().from(activities).where(eq(activities.userId, userId)),
      days: await db.select().from(dailySummaries).where(eq(dailySummaries.userId, userId)),
      sleeps: await db.select().from(sleepSessions).where(eq(sleepSessions.userId, userId)),
      bodies: await db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId)),
    };
  };
  const cursorOf = async (connectionId: string, stream: string) =>
    JSON.parse((await reloadConnection(database.db, connectionId)).cursors[stream]!);
  // Garmin still lets OAuth 1.0a tokens pull any upload window: these connections sync that way.
  const connectLegacy = async (account = "athlete") => {
    const user = await createTestUser(database.db);
    const { redirectUrl } = await startConnection(database.db, {
      userId: user.id,
      provider: "garmin",
      origin: APP_ORIGIN,
      legacy: true,
    });
    const decided = await fetch(redirectUrl, {
      method: "POST",
      body: new URLSearchParams({ decision: "approve", account }),
      redirect: "manual",
    });
    const query = new URL(decided.headers.get("location")!).searchParams;
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    return { user, connection };
  };

  it("asks Garmin for the default 90 days of every summary type in three 30-day windows, once, and pulls no history itself", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "garmin", "athlete");
    const started = nowS();
    const job = await syncNow(database.db, connection);
    const finished = nowS();
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100, inserted: 0 });

    // Every window ends where the first sync started, newest first, each one once.
    const { backfills } = garminDeliveryStore(sandbox.state);
    for (const type of GARMIN_SUMMARY_TYPES) {
      const { backfill } = await cursorOf(connection.id, type);
      expect(backfill.to).toBeGreaterThanOrEqual(started);
      expect(backfill.to).toBeLessThanOrEqual(finished);
      expect(backfill).toEqual({ to: backfill.to, from: backfill.to - HISTORY_DAYS * DAY_S, outcome: "requested" });
      expect(backfills.filter((request) => request.summaryType === type)).toEqual(
        [1, 2, 3].map((n) => ({
          account: "athlete",
          summaryType: type,
          start: backfill.to - n * 30 * DAY_S,
          end: backfill.to - (n - 1) * 30 * DAY_S,
        })),
      );
    }
    expect(sandbox.state.calls.filter((call) => call.path.includes("/backfill/"))).toHaveLength(
      3 * GARMIN_SUMMARY_TYPES.length,
    );
    expect(allPulls()).toBe(0);
    const rows = await rowsOf(user.id);
    expect([rows.activities, rows.days, rows.sleeps, rows.bodies].map((list) => list.length)).toEqual([0, 0, 0, 0]);

    // The data is on its way through pings: a later sync without one asks and pulls nothing.
    expect(await syncNow(database.db, connection)).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(sandbox.state.calls.filter((call) => call.path.includes("/backfill/"))).toHaveLength(
      3 * GARMIN_SUMMARY_TYPES.length,
    );
    expect(allPulls()).toBe(0);
  });

  it("retries a backfill request the server failed", async () => {
    const { connection } = await connectSandboxAccount(database.db, "garmin", "athlete");
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/rest/backfill/hrv", kind: "server_error", times: 2 });
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    expect(
      garminDeliveryStore(sandbox.state).backfills.filter((request) => request.summaryType === "hrv"),
    ).toHaveLength(HISTORY_DAYS / 30);
  });

  it("pulls a legacy connection's 24-hour upload windows of every summary type, then a second run writes nothing new", async () => {
    const { user, connection } = await connectLegacy();
    const started = nowS();
    const job = await syncNow(database.db, connection);
    const finished = nowS();
    // Later streams fill in days the dailies stream created: those count as updates.
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100 });
    for (const type of GARMIN_SUMMARY_TYPES) expect(pulls(type)).toBe(WINDOWS);
    expect(garminDeliveryStore(sandbox.state).backfills).toEqual([]);

    // Everything uploaded inside the backfill is stored, and nothing from before it.
    const rows = await rowsOf(user.id);
    const inner = (type: GarminSummaryType) => summaryIds(type, "athlete", started - WINDOWS * DAY_S + 5, started);
    const outer = (type: GarminSummaryType) => summaryIds(type, "athlete", started - WINDOWS * DAY_S - 5, finished + 1);
    const activityIds = rows.activities.map((row) => row.externalId).sort();
    expect(activityIds).toEqual(expect.arrayContaining(inner("activities")));
    expect(outer("activities")).toEqual(expect.arrayContaining(activityIds));
    expect(rows.sleeps.map((row) => row.externalId)).toEqual(expect.arrayContaining(inner("sleeps")));
    expect(rows.bodies.length).toBeGreaterThanOrEqual(inner("bodyComps").length);
    expect(rows.days.length).toBeGreaterThanOrEqual(inner("dailies").length);

    // Values match the synthetic account, in SI units.
    const workout = syntheticWorkouts(
      "garmin",
      "athlete",
      new Date((started - WINDOWS * DAY_S) * 1000),
      new Date(),
    ).find((candidate) => String(candidate.id) === activityIds[0])!;
    const stored = rows.activities.find((row) => row.externalId === activityIds[0])!;
    expect(stored).toMatchObject({
      startAt: workout.startAt,
      utcOffsetSeconds: workout.utcOffsetSeconds,
      durationS: workout.durationS,
      avgHeartRateBpm: workout.avgHeartRate,
      provider: "garmin",
    });
    expect(rows.activities.map((row) => row.type)).toContain("run");
    const daily = garminUploadedSummaries("dailies", "athlete", started - WINDOWS * DAY_S + 5, started).at(-1)!.summary;
    const hrv = garminUploadedSummaries("hrv", "athlete", started - 20 * DAY_S, started).find(
      ({ summary }) => summary.calendarDate === daily.calendarDate,
    )!.summary;
    const day = rows.days.find((row) => row.localDate === daily.calendarDate)!;
    expect(day).toMatchObject({
      steps: daily.steps,
      restingHeartRateBpm: daily.restingHeartRateInBeatsPerMinute,
      hrvMs: hrv.lastNightAvg,
    });
    expect(day.bodyBatteryHigh).toBeGreaterThan(day.bodyBatteryLow!);
    expect(Object.keys(day.raw as object).sort()).toEqual(expect.arrayContaining(["dailies", "hrv", "stressDetails"]));
    const body = rows.bodies[0]!;
    expect(body.weightKg).toBeGreaterThan(40);
    expect(body.weightKg).toBeLessThan(120);

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(pulls("dailies")).toBe(WINDOWS + 1); // the incremental window only
    expect((await rowsOf(user.id)).activities).toHaveLength(rows.activities.length);
  });

  it("retries a legacy pull the server failed", async () => {
    const { user, connection } = await connectLegacy();
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/rest/sleeps", kind: "server_error", times: 2, skip: 4 });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(pulls("sleeps")).toBe(WINDOWS);
    expect((await rowsOf(user.id)).sleeps.length).toBeGreaterThan(0);
  });

  it("stops the stream of a malformed window naming the field, keeping earlier windows whole", async () => {
    const { user, connection } = await connectLegacy();
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/rest/dailies",
      kind: "malformed",
      times: 1,
      skip: 3,
      body: [{ summaryId: "x", calendarDate: 5, startTimeInSeconds: 1 }],
    });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/dailies.*0\.calendarDate/);

    const cursor = await cursorOf(connection.id, "dailies");
    expect(cursor).toMatchObject({ done: 3, total: WINDOWS });
    const committed = summaryIds("dailies", "athlete", cursor.end - WINDOWS * DAY_S, cursor.start);
    const days = (await rowsOf(user.id)).days.filter((row) => (row.raw as Record<string, unknown>).dailies);
    expect(days.map((row) => (row.raw as { dailies: { summaryId: string } }).dailies.summaryId).sort()).toEqual(
      [...committed].sort(),
    );
    // The stream before it finished.
    expect((await cursorOf(connection.id, "activities")).end).toBeUndefined();
  });

  it("resumes an interrupted legacy backfill from the last committed window without duplicates", async () => {
    const { user, connection } = await connectLegacy();
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/rest/hrv", kind: "server_error", times: 4, skip: 5 });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted.status).toBe("pending");
    expect(await cursorOf(connection.id, "hrv")).toMatchObject({ done: 5 });
    const hrvDays = async () => (await rowsOf(user.id)).days.filter((row) => row.hrvMs !== null).length;
    const before = await hrvDays();

    const callsBefore = pulls("hrv");
    const resumed = await syncNow(database.db, connection);
    expect(resumed).toMatchObject({ id: interrupted.id, status: "succeeded" });
    expect(pulls("hrv") - callsBefore).toBe(WINDOWS - 5);
    expect(await hrvDays()).toBeGreaterThan(before);
    const rows = await rowsOf(user.id);
    expect(new Set(rows.days.map((row) => row.localDate)).size).toBe(rows.days.length);
    expect(new Set(rows.activities.map((row) => row.externalId)).size).toBe(rows.activities.length);
  });

  it("signs a legacy OAuth 1.0a connection's pulls instead of sending a Bearer token", async () => {
    const { user, connection } = await connectLegacy();
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(pulls("activities")).toBe(WINDOWS);
    expect(sandbox.state.calls.some((call) => call.path.includes("/backfill/"))).toBe(false);
    expect((await rowsOf(user.id)).activities.length).toBeGreaterThan(0);
  });
});
