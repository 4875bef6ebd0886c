import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { openTokens } from "@/lib/connections/credentials";
import { activities, bodyMeasurements, dailySummaries, samples, sleepSessions } from "@/lib/db/schema";
import { syntheticDays, syntheticNights } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { startSandboxServer, type SandboxServer } from "@tests/sandbox-server";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "@tests/sync-driver";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import { SANDBOX_HEART_RATE_PAGE_FILL } from "@/sandbox/fitbit/sandbox-data";
import { sandboxHeartRate } from "@/sandbox/fitbit/sandbox-heart-rate";
import { bodyPoints, sandboxWeighIns } from "@/sandbox/fitbit/sandbox-body";
import { dailyPoints, exercisePoints, sandboxWorkouts, sleepPoints } from "@/sandbox/fitbit/sandbox-points";
import { FITBIT_LIST_PAGE_SIZES, fitbitMinimumFirstSyncRequests, fitbitSync, type FitbitListType } from "./sync";
import { addDays } from "@/lib/dates";

// Two months keep these tests quick; the first test runs the real one-year backfill.
const YEAR = fitbitSync.backfillDays;
const backfillDays = (days: number) => ((fitbitSync as { backfillDays: number }).backfillDays = days);

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => {
  backfillDays(YEAR);
  return sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  backfillDays(60);
});

const HOST = "health.googleapis.com";
const EXERCISE_PATH = "/v4/users/me/dataTypes/exercise/dataPoints";
const exerciseCalls = () => sandbox.state.countCalls({ provider: "fitbit", path: EXERCISE_PATH });
const dataCalls = (paths: string[]) =>
  paths.reduce(
    (sum, path) => sum + sandbox.state.countCalls({ provider: "fitbit", path: `/v4/users/me/dataTypes/${path}` }),
    0,
  );
const ROLLUP_TYPES = ["steps", "distance", "active-energy-burned", "total-calories"];

// The window a first sync covers: backfillDays back from today, up to the stream's horizon.
const today = () => new Date().toISOString().slice(0, 10);
const backfillFrom = () => addDays(today(), -fitbitSync.backfillDays);
const horizon = () => addDays(today(), 2);
const expected = (login: string) => ({
  activities: sandboxWorkouts(login, backfillFrom(), horizon()).length,
  sleepSessions: syntheticNights("fitbit", login, backfillFrom(), horizon()).length,
  dailySummaries: syntheticDays("fitbit", login, backfillFrom(), horizon()).length,
  bodyMeasurements: sandboxWeighIns(login, backfillFrom(), horizon()).length,
});

describeEachDatabase("Fitbit (Google Health) sync", (database) => {
  const countRows = async (userId: string) => {
    const n = async (
      table: typeof activities | typeof sleepSessions | typeof dailySummaries | typeof bodyMeasurements,
    ) => (await database.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
    return {
      activities: await n(activities),
      sleepSessions: await n(sleepSessions),
      dailySummaries: await n(dailySummaries),
      bodyMeasurements: await n(bodyMeasurements),
    };
  };
  const countSamples = async (userId: string) =>
    (await database.db.select({ n: count() }).from(samples).where(eq(samples.userId, userId)))[0]!.n;

  it("backfills a year of every stream, then a second run writes nothing new", async () => {
    backfillDays(YEAR);
    expect(YEAR).toBe(365);
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const job = await syncNow(database.db, connection);
    const want = expected("ada");
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100 });
    expect(await countRows(user.id)).toEqual(want);
    // Two weeks of intraday heart rate, not a year (sync-heart-rate.test.ts checks which samples).
    const heartRate = await countSamples(user.id);
    expect(heartRate).toBeGreaterThan(13 * 24 * 10);
    expect(heartRate).toBeLessThan(15 * 24 * 60);
    // One daily row per day although six daily rollups and lists wrote into each (as updates).
    expect(job.inserted).toBe(
      want.activities + want.sleepSessions + want.dailySummaries + want.bodyMeasurements + heartRate,
    );
    // Rides that Strava also pushed in through Health Connect are not imported twice.
    expect(exercisePoints("ada", backfillFrom(), horizon()).length).toBeGreaterThan(want.activities);

    // As few requests as Google's limits allow for what the sandbox holds: each list one paged
    // query over the whole span, dailyRollUp windows of 90 days (14 for total-calories).
    const span = [backfillFrom(), horizon()] as const;
    const stored = await database.db
      .select({ time: samples.time })
      .from(samples)
      .where(eq(samples.userId, user.id))
      .orderBy(samples.time);
    // The heart-rate window is the sync's own two weeks; its pages also carry the Health Connect copies.
    const listedHeartRate = sandboxHeartRate(
      "ada",
      stored[0]!.time,
      new Date(stored.at(-1)!.time.getTime() + 1),
    ).length;
    const points: Record<FitbitListType, number> = {
      exercise: exercisePoints("ada", ...span).length,
      sleep: sleepPoints("ada", ...span).length,
      "daily-resting-heart-rate": dailyPoints("daily-resting-heart-rate", "ada", ...span).length,
      "daily-heart-rate-variability": dailyPoints("daily-heart-rate-variability", "ada", ...span).length,
      weight: bodyPoints("weight", "ada", ...span).length,
      "body-fat": bodyPoints("body-fat", "ada", ...span).length,
      "heart-rate": listedHeartRate,
    };
    const lists = Object.keys(FITBIT_LIST_PAGE_SIZES).map((type) => `${type}/dataPoints`);
    const rollUps = ROLLUP_TYPES.map((type) => `${type}/dataPoints:dailyRollUp`);
    const minimum = fitbitMinimumFirstSyncRequests({
      points,
      pageFill: { "heart-rate": SANDBOX_HEART_RATE_PAGE_FILL },
    });
    expect(dataCalls([...lists, ...rollUps])).toBe(minimum);
    expect(exerciseCalls()).toBe(Math.ceil(points.exercise / 25));
    expect(dataCalls(["daily-resting-heart-rate/dataPoints"])).toBe(1);

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await countRows(user.id)).toEqual(want);
    expect(await countSamples(user.id)).toBe(heartRate);
    expect((await reloadConnection(database.db, connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("stores SI units, local dates and normalized types, each daily stream filling its part of the day", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    await syncNow(database.db, connection);
    const workouts = new Map(
      sandboxWorkouts("ada", backfillFrom(), horizon()).map((workout) => [String(workout.id), workout]),
    );
    const rows = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    const ride = rows.find((row) => row.providerType === "BIKING")!;
    const source = workouts.get(ride.externalId)!;
    expect(ride).toMatchObject({
      type: "ride",
      utcOffsetSeconds: source.utcOffsetSeconds,
      durationS: source.durationS,
      movingTimeS: source.movingTimeS,
      energyKcal: source.energyKcal,
    });
    expect(ride.distanceM).toBeCloseTo(source.distanceM, 2); // metres, not millimetres
    expect(ride.startAt).toEqual(source.startAt);
    expect(new Set(rows.map((row) => row.type))).toEqual(
      new Set(
        [...workouts.values()].map(
          (workout) =>
            ({
              run: "run",
              trail_run: "trail_run",
              ride: "ride",
              hike: "hike",
              strength: "strength",
              yoga: "yoga",
              swim: "swim",
              walk: "walk",
            })[workout.sport],
        ),
      ),
    );

    const night = syntheticNights("fitbit", "ada", addDays(today(), -10), addDays(today(), -10))[0]!;
    const [sleep] = await database.db
      .select()
      .from(sleepSessions)
      .where(and(eq(sleepSessions.userId, user.id), eq(sleepSessions.localDate, night.localDate)));
    expect(sleep).toMatchObject({
      startAt: night.bedtimeStart,
      endAt: night.bedtimeEnd,
      deepS: Math.round(night.deepS / 60) * 60,
      utcOffsetSeconds: night.utcOffsetSeconds,
    });

    const day = syntheticDays("fitbit", "ada", addDays(today(), -20), addDays(today(), -20))[0]!;
    const [daily] = await database.db
      .select()
      .from(dailySummaries)
      .where(and(eq(dailySummaries.userId, user.id), eq(dailySummaries.localDate, day.localDate)));
    expect(daily).toMatchObject({
      steps: day.steps,
      distanceM: day.distanceM,
      activeEnergyKcal: day.activeEnergyKcal,
      totalEnergyKcal: day.totalEnergyKcal,
      restingHeartRateBpm: day.restingHeartRate,
      hrvMs: day.hrvMs,
    });
    expect(Object.keys(daily!.raw as object).sort()).toEqual([
      "activeEnergy",
      "distance",
      "hrv",
      "restingHeartRate",
      "steps",
      "totalCalories",
    ]);

    const weighIns = sandboxWeighIns("ada", backfillFrom(), horizon());
    const body = await database.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, user.id));
    const withFat = weighIns.find((weighIn) => weighIn.bodyFatPercent !== null)!;
    expect(body.find((row) => row.measuredAt.getTime() === withFat.measuredAt.getTime())).toMatchObject({
      weightKg: withFat.weightKg,
      bodyFatPercent: withFat.bodyFatPercent,
    });
    expect(body.filter((row) => row.bodyFatPercent === null)).toHaveLength(
      weighIns.filter((weighIn) => weighIn.bodyFatPercent === null).length,
    );
  });

  it("waits out a 429 with Retry-After and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "grace");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/dataTypes/sleep/",
      kind: "rate_limit",
      times: 1,
      skip: 1,
      retryAfterSeconds: 7,
    });
    const { waits, sleep } = recordingSleep();
    const job = await syncNow(database.db, connection, { sleep });
    expect(waits).toContain(7000);
    expect(job).toMatchObject({ status: "succeeded", waitingUntil: null });
    expect(await countRows(user.id)).toEqual(expected("grace"));
  });

  it("retries server errors", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "grace");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "dataPoints:dailyRollUp",
      kind: "server_error",
      times: 2,
      skip: 3,
    });
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded" });
    expect(await countRows(user.id)).toEqual(expected("grace"));
  });

  it("stops a malformed page's stream with a message naming the field, keeping earlier pages whole while the others sync", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const body = {
      dataPoints: [
        {
          name: "users/me/dataTypes/exercise/dataPoints/1",
          exercise: { interval: { startTime: "yesterday", endTime: "2026-11-18T06:48:40Z" } },
        },
      ],
    };
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/dataTypes/exercise/",
      kind: "malformed",
      times: 1,
      skip: 1,
      body,
    });
    const job = await syncNow(database.db, connection, { maxAttempts: 4 });
    expect(job).toMatchObject({
      status: "partial",
      attempts: 1,
      streamStatus: { exercise: { state: "failed" }, sleep: { state: "ok" } },
    });
    expect(job.error).toMatch(/exercise data: dataPoints\.0\.exercise\.interval\.startTime/);
    const want = expected("ada");
    expect(await countRows(user.id)).toMatchObject({
      sleepSessions: want.sleepSessions,
      dailySummaries: want.dailySummaries,
      bodyMeasurements: want.bodyMeasurements,
    });
    // The first page (the newest 25 points of the year) is stored, Health Connect copies left out.
    const firstPage = exercisePoints("ada", backfillFrom(), horizon())
      .sort((a, b) => b.sortKey - a.sortKey)
      .slice(0, 25);
    const stored = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    expect(stored.length).toBe(
      firstPage.filter((point) => (point.json.dataSource as { platform: string }).platform === "FITBIT").length,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.parse((await reloadConnection(database.db, connection.id)).cursors.exercise!)).toMatchObject({
      from: backfillFrom(),
    });
  });

  it("resumes an interrupted backfill from the last committed page without duplicates", async () => {
    const reference = await connectSandboxAccount(database.db, "fitbit", "grace");
    await syncNow(database.db, reference.connection);
    const fullRunCalls = exerciseCalls();

    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "grace");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/dataTypes/exercise/",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted.status).toBe("pending");
    expect(interrupted.inserted).toBeGreaterThan(0);
    const callsBefore = exerciseCalls();
    const resumed = await syncNow(database.db, connection);
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed.status).toBe("succeeded");
    expect(exerciseCalls() - callsBefore).toBe(fullRunCalls - 1); // all but the committed first page
    expect(await countRows(user.id)).toEqual(expected("grace"));
  });

  it("syncs what a partial grant allows and skips the rest", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, {
      userId: user.id,
      provider: "fitbit",
      account: "sleeper",
      grantedScope: SCOPES.sleep,
    });
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(await countRows(user.id)).toEqual({
      activities: 0,
      sleepSessions: expected("sleeper").sleepSessions,
      dailySummaries: 0,
      bodyMeasurements: 0,
    });
    expect(await countSamples(user.id)).toBe(0);
  });

  it("has a sandbox that refuses what Google refuses: start-time exercise filters, startTime parameters, over-long rollups", async () => {
    const { connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const headers = { authorization: `Bearer ${openTokens(connection).accessToken}` };
    const list = (query: string) => fetch(`${sandbox.url}/${HOST}${EXERCISE_PATH}?${query}`, { headers });
    const badFilter = await list(
      new URLSearchParams({ filter: 'exercise.interval.start_time >= "2026-11-01T00:00:00Z"' }).toString(),
    );
    expect(badFilter.status).toBe(400);
    expect(JSON.stringify(await badFilter.json())).toContain("INVALID_DATA_POINT_FILTER");
    expect((await list("startTime=2026-11-01T00:00:00Z")).status).toBe(400);
    const rollUp = await fetch(`${sandbox.url}/${HOST}/v4/users/me/dataTypes/total-calories/dataPoints:dailyRollUp`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        range: { start: { date: { year: 2026, month: 1, day: 1 } }, end: { date: { year: 2026, month: 1, day: 16 } } },
      }),
    });
    expect(rollUp.status).toBe(400);
  });
});
