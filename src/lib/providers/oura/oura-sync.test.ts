import { and, count, eq } from "drizzle-orm";
import { setConnectionCursor } from "@/lib/db/queries/connections";
import { expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { activities, dailySummaries, samples, sleepSessions, syncJobs } from "@/lib/db/schema";
import { syntheticDays, syntheticNights, syntheticWorkouts } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "@tests/sync-driver";
import {
  OURA_HEART_RATE_PAGE_SIZE,
  OURA_PAGE_SIZE,
  ouraCollectionSize,
  ouraHeartRateQueries,
} from "@/sandbox/oura/sandbox-data";
import { OURA_SYNC_COLLECTIONS, ouraMinimumFirstSyncRequests } from "./sync";

const sandbox = setUpSandboxServer();

const HOST = "api.ouraring.com";
const ACCOUNT = "sleeper";
const ALL_TIME = ["2000-01-01", "2100-01-01"] as const;
const nightCount = () => syntheticNights("oura", ACCOUNT, ...ALL_TIME).length;
const dayCount = () => syntheticDays("oura", ACCOUNT, ...ALL_TIME).length;
const workoutCount = () => syntheticWorkouts("oura", ACCOUNT, new Date(0), new Date()).length;
const calls = (collection: string) =>
  sandbox.state.countCalls({ provider: "oura", path: `/v2/usercollection/${collection}` });
const FIVE_MINUTES = 300_000;
/** Pages the sandbox needs to serve a collection's whole history: Oura's own page size, at least one. */
const pagesOf = (collection: string) =>
  Math.max(1, Math.ceil(ouraCollectionSize(ACCOUNT, collection) / OURA_PAGE_SIZE));
/** The distinct heart-rate windows asked for (next_token pages repeat theirs). */
const heartRateWindows = () => ouraHeartRateQueries(sandbox.state).filter((query) => !query.isContinuation);

describeEachDatabase("Oura sync", (database) => {
  const db = () => database.db;
  const rowCount = async (
    table: typeof activities | typeof sleepSessions | typeof dailySummaries | typeof samples,
    userId: string,
  ) => (await db().select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
  const heartRateTimes = async (userId: string) =>
    (
      await db().select({ time: samples.time }).from(samples).where(eq(samples.userId, userId)).orderBy(samples.time)
    ).map((row) => row.time.getTime());

  it("backfills three years in as many requests as the data has pages, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    const job = await syncNow(db(), connection);
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100 });
    // Each day's row is inserted by the first stream and filled in by three more.
    expect(job.updated).toBe(3 * dayCount());
    expect(await rowCount(sleepSessions, user.id)).toBe(nightCount());
    expect(await rowCount(dailySummaries, user.id)).toBe(dayCount());
    expect(await rowCount(activities, user.id)).toBe(workoutCount());

    // A month of 5-minute heart rate: 30 x 288 samples, no gaps, no duplicates.
    const times = await heartRateTimes(user.id);
    expect(times).toHaveLength(30 * 288);
    expect((times.at(-1)! - times[0]!) / FIVE_MINUTES + 1).toBe(times.length);
    expect(job.inserted).toBe(nightCount() + dayCount() + workoutCount() + times.length);

    // One paged query per collection over the whole backfill: the minimum the data allows.
    for (const collection of OURA_SYNC_COLLECTIONS) expect(calls(collection)).toBe(pagesOf(collection));
    expect(calls("heartrate")).toBe(Math.ceil(times.length / OURA_HEART_RATE_PAGE_SIZE));
    const documents = Object.fromEntries(
      OURA_SYNC_COLLECTIONS.map((collection) => [collection, ouraCollectionSize(ACCOUNT, collection)]),
    ) as Record<(typeof OURA_SYNC_COLLECTIONS)[number], number>;
    const minimum = ouraMinimumFirstSyncRequests({
      documents,
      heartRateSamplesPerWindow: [times.length],
      pageSize: OURA_PAGE_SIZE,
      heartRatePageSize: OURA_HEART_RATE_PAGE_SIZE,
    });
    expect([...OURA_SYNC_COLLECTIONS, "heartrate"].reduce((sum, collection) => sum + calls(collection), 0)).toBe(
      minimum,
    );
    expect(minimum).toBeLessThan(60);

    const again = await syncNow(db(), connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await rowCount(dailySummaries, user.id)).toBe(dayCount());
    expect(await rowCount(samples, user.id)).toBe(times.length);
    // Incremental: one request per collection for the last week, one for the newest heart rate.
    expect(calls("daily_readiness")).toBe(pagesOf("daily_readiness") + 1);
    expect(calls("heartrate")).toBe(Math.ceil(times.length / OURA_HEART_RATE_PAGE_SIZE) + 1);
    expect((await reloadConnection(db(), connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("reads 30 days of heart rate as one window ending at the sync's now: exactly 8,640 samples", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    const before = Date.now();
    await syncNow(db(), connection);
    const after = Date.now();
    const [window, ...others] = heartRateWindows();
    expect(others).toEqual([]);
    expect(window!.end - window!.start).toBe(30 * 86_400_000);
    expect(window!.end).toBeGreaterThanOrEqual(before);
    expect(window!.end).toBeLessThanOrEqual(after);
    const times = await heartRateTimes(user.id);
    expect(times).toHaveLength(8640);
    expect(times[0]! - window!.start).toBeLessThan(FIVE_MINUTES);
    expect(window!.end - times.at(-1)!).toBeLessThanOrEqual(FIVE_MINUTES);
  });

  it("walks a longer gap in 30-day heart-rate windows that meet exactly and end at the sync's now", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    const from = new Date(Date.now() - 45 * 86_400_000).toISOString();
    await setConnectionCursor(db(), {
      connectionId: connection.id,
      stream: "heart_rate",
      cursor: JSON.stringify({ origin: from, from }),
    });
    const before = Date.now();
    await syncNow(db(), connection);
    const after = Date.now();
    const windows = heartRateWindows();
    expect(windows).toHaveLength(2);
    expect(windows[0]!.start).toBe(Date.parse(from));
    expect(windows[0]!.end - windows[0]!.start).toBe(30 * 86_400_000);
    expect(windows[1]!.start).toBe(windows[0]!.end);
    expect(windows[1]!.end).toBeGreaterThanOrEqual(before);
    expect(windows[1]!.end).toBeLessThanOrEqual(after);
    // Every 5-minute sample from the cursor to that end, none twice, none missing at the seam.
    const times = await heartRateTimes(user.id);
    expect((times.at(-1)! - times[0]!) / FIVE_MINUTES + 1).toBe(times.length);
    expect(times[0]! - Date.parse(from)).toBeLessThan(FIVE_MINUTES);
    expect(windows[1]!.end - times.at(-1)!).toBeLessThanOrEqual(FIVE_MINUTES);
  });

  it("merges four streams into one daily row and stores nights, workouts and samples in SI units", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    await syncNow(db(), connection);
    const night = syntheticNights("oura", ACCOUNT, ...ALL_TIME).at(-2)!;
    const day = syntheticDays("oura", ACCOUNT, night.localDate, night.localDate)[0]!;

    const [daily] = await db()
      .select()
      .from(dailySummaries)
      .where(and(eq(dailySummaries.userId, user.id), eq(dailySummaries.localDate, night.localDate)));
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

    const [sleep] = await db()
      .select()
      .from(sleepSessions)
      .where(and(eq(sleepSessions.userId, user.id), eq(sleepSessions.localDate, night.localDate)));
    expect(sleep).toMatchObject({
      utcOffsetSeconds: night.utcOffsetSeconds,
      asleepS: night.asleepS,
      deepS: night.deepS,
      avgHrvMs: night.avgHrvMs,
    });
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
    const query = await authorizeAtProvider(db(), {
      userId: user.id,
      provider: "oura",
      account: ACCOUNT,
      grantedScope: "daily",
    });
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
      skip: 3,
      retryAfterSeconds: 7,
      headers: {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-window": "300",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 200),
        "x-ratelimit-tier": "access_token",
      },
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
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/usercollection/heartrate",
      kind: "server_error",
      times: 2,
      skip: 1,
    });
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/usercollection/sleep",
      kind: "server_error",
      times: 1,
      skip: 3,
    });
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
    expect(JSON.parse((await reloadConnection(db(), connection.id)).cursors.heart_rate!)).toMatchObject({
      next: expect.any(String),
    });
  });

  it("resumes an interrupted backfill from the last committed cursor without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "oura", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/usercollection/heartrate",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(db(), connection);
    expect(interrupted).toMatchObject({
      status: "pending",
      inserted: nightCount() + dayCount() + workoutCount() + 2000,
    });

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
