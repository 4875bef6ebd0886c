import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { activities, dailySummaries, samples, sleepSessions, syncJobs } from "@/lib/db/schema";
import { syntheticDays, syntheticNights, syntheticWorkouts } from "@/lib/sandbox/synthetic";
import { describeEachDatabase } from "../../../../tests/databases";
import { createTestUser } from "../../../../tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "../../../../tests/oauth-driver";
import { setUpSandboxServer } from "../../../../tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "../../../../tests/sync-driver";

const sandbox = setUpSandboxServer();

const HOST = "api.ouraring.com";
const ACCOUNT = "sleeper";
const ALL_TIME = ["2000-01-01", "2100-01-01"] as const;
const nightCount = () => syntheticNights("oura", ACCOUNT, ...ALL_TIME).length;
const dayCount = () => syntheticDays("oura", ACCOUNT, ...ALL_TIME).length;
const workoutCount = () => syntheticWorkouts("oura", ACCOUNT, new Date(0), new Date()).length;
const calls = (collection: string) => sandbox.state.countCalls({ provider: "oura", path: `/v2/usercollection/${collection}` });

describeEachDatabase("Oura sync", (database) => {
  const db = () => database.db;
  const rowCount = async (table: typeof activities | typeof sleepSessions | typeof dailySummaries | typeof samples, userId: string) =>
    (await db().select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
  const heartRateTimes = async (userId: string) =>
    (await db().select({ time: samples.time }).from(samples).where(eq(samples.userId, userId)).orderBy(samples.time)).map((row) => row.time.getTime());

  it("backfills every stream in 28-day windows, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    const job = await syncNow(db(), connection);
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100 });
    // Each day's row is inserted by the first stream and filled in by three more.
    expect(job.updated).toBe(3 * dayCount());
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
    expect(await rowCount(dailySummaries, user.id)).toBe(dayCount());
    expect(await rowCount(activities, user.id)).toBe(workoutCount());
    // Three years in 28-day windows: 40 requests per daily collection.
    for (const collection of ["sleep", "daily_sleep", "daily_readiness", "daily_activity", "workout"]) expect(calls(collection)).toBe(40);

    // A month of 5-minute heart rate, no gaps, no duplicates, up to the ring's last upload.
    const times = await heartRateTimes(user.id);
    expect(times.length).toBeGreaterThan(29 * 288);
    expect((times.at(-1)! - times[0]!) / 300_000 + 1).toBe(times.length);
    expect(times[0]!).toBeLessThan(Date.now() - 30 * 86_400_000 + 300_000);
    expect(calls("heartrate")).toBe(Math.ceil(times.length / 2000));
    expect(job.inserted).toBe(nightCount() + dayCount() + workoutCount() + times.length);

    const again = await syncNow(db(), connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await rowCount(dailySummaries, user.id)).toBe(dayCount());
    expect(await rowCount(samples, user.id)).toBe(times.length);
    // Incremental: one request per collection for the last week, one for the newest heart rate.
    expect(calls("daily_readiness")).toBe(41);
    expect(calls("heartrate")).toBe(Math.ceil(times.length / 2000) + 1);
    expect((await reloadConnection(db(), connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("merges four streams into one daily row and stores nights, workouts and samples in SI units", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    await syncNow(db(), connection);
    const night = syntheticNights("oura", ACCOUNT, ...ALL_TIME).at(-2)!;
    const day = syntheticDays("oura", ACCOUNT, night.localDate, night.localDate)[0]!;

    const [daily] = await db().select().from(dailySummaries).where(and(eq(dailySummaries.userId, user.id), eq(dailySummaries.localDate, night.localDate)));
    expect(daily).toMatchObject({
      steps: day.steps,
      distanceM: day.distanceM,
      activeEnergyKcal: day.activeEnergyKcal,
      totalEnergyKcal: day.totalEnergyKcal,
      readinessScore: day.readinessScore,
      sleepScore: night.score,
      hrvMs: night.avgHrvMs,
      restingHeartRateBpm: night.lowestHeartRate,
    });
    expect(Object.keys(daily!.raw as object).sort()).toEqual(["activity", "daily_sleep", "readiness", "sleep"]);

    const [sleep] = await db().select().from(sleepSessions).where(and(eq(sleepSessions.userId, user.id), eq(sleepSessions.localDate, night.localDate)));
    expect(sleep).toMatchObject({ utcOffsetSeconds: night.utcOffsetSeconds, asleepS: night.asleepS, deepS: night.deepS, avgHrvMs: night.avgHrvMs });
    expect(sleep!.startAt).toEqual(night.bedtimeStart);
    expect(sleep!.stages!.map((stage) => stage.stage)).toEqual(night.stages.map((stage) => stage.stage));

    const rows = await db().select().from(activities).where(eq(activities.userId, user.id));
    const run = rows.find((row) => row.providerType === "running")!;
    expect(run).toMatchObject({ type: "run", connectionId: connection.id });
    expect(run.distanceM! / run.durationS!).toBeGreaterThan(2);
    expect(new Set(rows.map((row) => row.type))).toContain("ride");
  });

  it("skips the streams whose scope the person unticked", async () => {
    const user = await createTestUser(db());
    const query = await authorizeAtProvider(db(), { userId: user.id, provider: "oura", account: ACCOUNT, grantedScope: "daily" });
    const { connection } = await completeConnection(db(), { userId: user.id, query, origin: APP_ORIGIN });
    const job = await syncNow(db(), connection);
    expect(job.status).toBe("succeeded");
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
    expect(await rowCount(activities, user.id)).toBe(0);
    expect(await rowCount(samples, user.id)).toBe(0);
    expect(calls("workout") + calls("heartrate")).toBe(0);
  });

  it("waits out a 429 as its Retry-After says, showing when it continues, and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/usercollection/daily_readiness",
      kind: "rate_limit",
      times: 1,
      skip: 30,
      retryAfterSeconds: 7,
      headers: { "x-ratelimit-limit": "5000", "x-ratelimit-window": "300", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 200), "x-ratelimit-tier": "access_token" },
    });
    const waitsWhileWaiting: number[] = [];
    const job = await syncNow(db(), connection, {
      sleep: async (ms) => {
        const [row] = await db().select().from(syncJobs).where(eq(syncJobs.connectionId, connection.id));
        if (row?.status === "waiting") waitsWhileWaiting.push(ms);
      },
    });
    expect(waitsWhileWaiting).toContain(7000);
    expect(job).toMatchObject({ status: "succeeded", waitingUntil: null });
    expect(await rowCount(dailySummaries, user.id)).toBe(dayCount());
  });

  it("retries server errors and still stores everything once", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/usercollection/heartrate", kind: "server_error", times: 2, skip: 1 });
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/usercollection/sleep", kind: "server_error", times: 1, skip: 35 });
    const { waits, sleep } = recordingSleep();
    const job = await syncNow(db(), connection, { sleep });
    expect(job.status).toBe("succeeded");
    expect(waits).toEqual(expect.arrayContaining([1000, 2000]));
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
    const times = await heartRateTimes(user.id);
    expect((times.at(-1)! - times[0]!) / 300_000 + 1).toBe(times.length);
  });

  it("stops the stream of a malformed page with a message naming the field, keeping earlier pages whole", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/usercollection/heartrate",
      kind: "malformed",
      times: 1,
      skip: 2,
      body: { data: [{ bpm: 61, source: "awake", timestamp: "five past three" }], next_token: null },
    });
    const job = await syncNow(db(), connection);
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/heart_rate.*data\.0\.timestamp/);
    expect(await rowCount(samples, user.id)).toBe(4000);
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
    expect(JSON.parse((await reloadConnection(db(), connection.id)).cursors.heart_rate!)).toMatchObject({ next: expect.any(String) });
  });

  it("resumes an interrupted backfill from the last committed cursor without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/usercollection/heartrate", kind: "server_error", times: 4, skip: 1 });
    const interrupted = await syncNow(db(), connection);
    expect(interrupted).toMatchObject({ status: "pending", inserted: nightCount() + dayCount() + workoutCount() + 2000 });

    const before = { sleep: calls("sleep"), heartRate: calls("heartrate") };
    const resumed = await syncNow(db(), connection);
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed.status).toBe("succeeded");
    const times = await heartRateTimes(user.id);
    expect(resumed.inserted).toBe(nightCount() + dayCount() + workoutCount() + times.length);
    // Finished collections re-read only their last week; heart rate picks up at its second page.
    expect(calls("sleep") - before.sleep).toBe(1);
    expect(calls("heartrate") - before.heartRate).toBe(Math.ceil(times.length / 2000) - 1);
    expect((times.at(-1)! - times[0]!) / 300_000 + 1).toBe(times.length);
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
  });
});
