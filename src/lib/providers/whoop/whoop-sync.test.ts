import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, bodyMeasurements, dailySummaries, sleepSessions } from "@/lib/db/schema";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "@tests/sync-driver";
import { whoopNightRecords, whoopWorkoutRecords, type WhoopSandboxRecord } from "@/sandbox/whoop/sandbox-records";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const HOST = "api.prod.whoop.com";
const ACCOUNT = "strap-wearer";
const calls = (path: string) => sandbox.state.countCalls({ provider: "whoop", path: `/developer/v2/${path}` });
const pages = (records: number) => Math.max(1, Math.ceil(records / 25));

type Table = typeof activities | typeof sleepSessions | typeof dailySummaries | typeof bodyMeasurements;

describeEachDatabase("WHOOP sync", (database) => {
  const db = () => database.db;
  const rowCount = async (table: Table, userId: string) =>
    (await db().select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;

  /** What the sandbox holds in each stream's backfill window, read back from where the stream stopped. */
  async function expected(connectionId: string) {
    const { cursors } = await reloadConnection(db(), connectionId);
    // Caught up, a stream resumes a week before the end of the window it read (365 days).
    const windowOf = (key: string) => {
      const end = Date.parse(JSON.parse(cursors[key]!).start) + 7 * DAY_MS;
      return [end - 365 * DAY_MS, end] as const;
    };
    const within =
      ([from, to]: readonly [number, number]) =>
      (record: WhoopSandboxRecord) =>
        record.start >= from && record.start < to && record.availableAt <= to;
    const cycles = whoopNightRecords(ACCOUNT).cycles.filter(within(windowOf("cycles"))).length;
    const sleeps = whoopNightRecords(ACCOUNT).sleeps.filter(within(windowOf("sleep"))).length;
    const workouts = whoopWorkoutRecords(ACCOUNT, ...windowOf("workouts")).filter(within(windowOf("workouts"))).length;
    return { cycles, sleeps, workouts };
  }

  it("backfills a year in pages of 25, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    const job = await syncNow(db(), connection);
    expect(job).toMatchObject({ status: "succeeded", updated: 0, progressDone: 100 });
    const want = await expected(connection.id);
    expect(want.cycles).toBeGreaterThan(360);
    expect(want.workouts).toBeGreaterThan(150);
    expect(await rowCount(dailySummaries, user.id)).toBe(want.cycles);
    expect(await rowCount(sleepSessions, user.id)).toBe(want.sleeps);
    expect(await rowCount(activities, user.id)).toBe(want.workouts);
    expect(await rowCount(bodyMeasurements, user.id)).toBe(1);
    // Recovery merges into its cycle's row rather than adding one.
    expect(job.inserted).toBe(want.cycles + want.sleeps + want.workouts + 1);
    expect(calls("cycle")).toBe(pages(want.cycles));
    expect(calls("recovery")).toBe(pages(want.cycles));
    expect(calls("activity/sleep")).toBe(pages(want.sleeps));
    expect(calls("activity/workout")).toBe(pages(want.workouts));

    const before = { cycle: calls("cycle"), workout: calls("activity/workout") };
    const again = await syncNow(db(), connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    // Incremental: the last week, one page per collection.
    expect(calls("cycle") - before.cycle).toBe(1);
    expect(calls("activity/workout") - before.workout).toBe(1);
    expect(await rowCount(dailySummaries, user.id)).toBe(want.cycles);
    expect(await rowCount(bodyMeasurements, user.id)).toBe(1);
    expect((await reloadConnection(db(), connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("stores days with strain and recovery together, sleeps by wake-up date, workouts in SI units", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    await syncNow(db(), connection);
    const days = await db().select().from(dailySummaries).where(eq(dailySummaries.userId, user.id));
    const scored = days.filter((day) => day.recoveryScore !== null);
    expect(scored.length).toBeGreaterThan(days.length - 2);
    const day = scored[10]!;
    expect(day).toMatchObject({
      provider: "whoop",
      strain: expect.any(Number),
      totalEnergyKcal: expect.any(Number),
      restingHeartRateBpm: expect.any(Number),
      hrvMs: expect.any(Number),
    });
    expect(day.totalEnergyKcal!).toBeGreaterThan(1500); // kcal, not kJ
    expect(Object.keys(day.raw as object).sort()).toEqual(["cycle", "recovery"]);

    const sleeps = await db().select().from(sleepSessions).where(eq(sleepSessions.userId, user.id));
    const sleep = sleeps[0]!;
    const wokeLocal = new Date(sleep.endAt.getTime() + sleep.utcOffsetSeconds! * 1000).toISOString().slice(0, 10);
    expect(sleep.localDate).toBe(wokeLocal);
    expect(sleep.asleepS! + sleep.awakeS!).toBeCloseTo(sleep.inBedS!, 0);
    expect(sleep.inBedS!).toBeGreaterThan(5 * 3600); // seconds, not ms
    // Each night's sleep and its cycle's day share a date.
    expect(new Set(days.map((row) => row.localDate))).toContain(sleep.localDate);

    const workouts = await db().select().from(activities).where(eq(activities.userId, user.id));
    const run = workouts.find((row) => row.providerType === "running")!;
    expect(run).toMatchObject({ type: "run", connectionId: connection.id });
    expect(run.distanceM! / run.durationS!).toBeGreaterThan(2); // m/s of a run
    expect(run.energyKcal!).toBeLessThan(2000);
    expect(new Set(workouts.map((row) => row.type))).toContain("ride");
  });

  it("waits out a 429, by Retry-After or by X-RateLimit-Reset, and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v2/activity/sleep",
      kind: "rate_limit",
      times: 1,
      skip: 1,
      retryAfterSeconds: 7,
    });
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v2/activity/workout",
      kind: "rate_limit",
      times: 1,
      skip: 2,
      headers: { "x-ratelimit-reset": "42" },
    });
    const { waits, sleep } = recordingSleep();
    const deferrals: { waitingOn: string | null; attempts: number }[] = [];
    const job = await syncNow(db(), connection, {
      sleep,
      onWaiting: (row) => deferrals.push({ waitingOn: row.waitingOn, attempts: row.attempts }),
    });
    expect(waits).toContain(7_000);
    // 43 s is too long to hold a worker: the job went back to the queue on WHOOP's app-wide budget.
    expect(waits).not.toContain(43_000);
    expect(deferrals).toEqual([{ waitingOn: "whoop", attempts: 0 }]);
    expect(job).toMatchObject({ status: "succeeded", waitingUntil: null, attempts: 1 });
    const want = await expected(connection.id);
    expect(await rowCount(sleepSessions, user.id)).toBe(want.sleeps);
    expect(await rowCount(activities, user.id)).toBe(want.workouts);
  });

  it("retries server errors and finishes whole", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/v2/recovery", kind: "server_error", times: 2, skip: 3 });
    const job = await syncNow(db(), connection);
    expect(job.status).toBe("succeeded");
    const days = await db().select().from(dailySummaries).where(eq(dailySummaries.userId, user.id));
    expect(days).toHaveLength((await expected(connection.id)).cycles);
    expect(days.filter((day) => day.recoveryScore === null).length).toBeLessThan(2);
  });

  it("stops the stream of a malformed page naming the field, keeping earlier pages whole", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    const broken = { id: 1, start: "yesterday", timezone_offset: "+00:00", score_state: "SCORED" };
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v2/cycle",
      kind: "malformed",
      times: 1,
      skip: 1,
      body: { records: [broken] },
    });
    const job = await syncNow(db(), connection, { maxAttempts: 3 });
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/WHOOP sent malformed cycles data: records\.0\.start/);
    expect(await rowCount(dailySummaries, user.id)).toBe(25);
    expect(JSON.parse((await reloadConnection(db(), connection.id)).cursors.cycles!)).toMatchObject({
      next: expect.any(String),
    });
  });

  it("resumes an interrupted backfill from the last committed page without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "whoop", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v2/activity/workout",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(db(), connection);
    expect(interrupted.status).toBe("pending");
    expect(await rowCount(activities, user.id)).toBe(25);
    const callsBefore = calls("activity/workout");

    const resumed = await syncNow(db(), connection);
    expect(resumed).toMatchObject({ id: interrupted.id, status: "succeeded" });
    const want = await expected(connection.id);
    expect(calls("activity/workout") - callsBefore).toBe(pages(want.workouts) - 1);
    expect(await rowCount(activities, user.id)).toBe(want.workouts);
    expect(await rowCount(dailySummaries, user.id)).toBe(want.cycles);
    expect(resumed.inserted).toBe(want.cycles + want.sleeps + want.workouts + 1);
  });
});
