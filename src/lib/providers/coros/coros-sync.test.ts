import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, dailySummaries } from "@/lib/db/schema";
import { accountUtcOffset, syntheticDays, syntheticWorkouts } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "@tests/sync-driver";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const HOST = "open.coros.com";
const WORKOUTS = "/v2/coros/sport/list";
const DAILY = "/coros/daily/query";
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** What the sandbox holds for the backfill: 88 days back to tomorrow, in the wearer's dates. */
function expected(account: string, { from = isoDay(-88), to = isoDay(1) } = {}) {
  const offsetMs = accountUtcOffset("coros", account) * 1000;
  const workouts = syntheticWorkouts(
    "coros",
    account,
    new Date(Date.parse(from) - offsetMs),
    new Date(Date.parse(to) + DAY_MS - offsetMs),
  ).length;
  const days = syntheticDays("coros", account, from, to).length;
  return { workouts, days, total: workouts + days };
}
const calls = (path: string) => sandbox.state.countCalls({ provider: "coros", path });

describeEachDatabase("COROS sync", (database) => {
  const countRows = async (userId: string) => ({
    workouts: (await database.db.select({ n: count() }).from(activities).where(eq(activities.userId, userId)))[0]!.n,
    days: (await database.db.select({ n: count() }).from(dailySummaries).where(eq(dailySummaries.userId, userId)))[0]!
      .n,
  });

  it("backfills 88 days in 30-day windows, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    const want = expected("athlete");
    expect(want.workouts).toBeGreaterThan(30);
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", inserted: want.total, updated: 0, progressDone: 100 });
    expect(await countRows(user.id)).toEqual({ workouts: want.workouts, days: want.days });
    // 90 dates (88 back, today, tomorrow) need three queries of at most 30 days each.
    expect([calls(WORKOUTS), calls(DAILY)]).toEqual([3, 3]);

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect([calls(WORKOUTS), calls(DAILY)]).toEqual([4, 4]);
    expect(await countRows(user.id)).toEqual({ workouts: want.workouts, days: want.days });
    expect((await reloadConnection(database.db, connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("stores workouts with normalized types, SI units, local offsets and the string labelId", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    await syncNow(database.db, connection);
    const rows = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    const run = rows.find((row) => row.providerType === "mode:8/subMode:1")!;
    expect(run).toMatchObject({
      type: "run",
      provider: "coros",
      utcOffsetSeconds: accountUtcOffset("coros", "athlete"),
      device: "COROS PACE 3",
    });
    expect(run.externalId).toMatch(/^\d{18}$/);
    expect(run.avgSpeedMps!).toBeGreaterThan(2);
    expect(run.avgSpeedMps!).toBeLessThan(5);
    expect(new Set(rows.map((row) => row.type))).toContain("ride");
    const [day] = await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id)).limit(1);
    expect(day).toMatchObject({
      steps: expect.any(Number),
      restingHeartRateBpm: expect.any(Number),
      hrvMs: expect.any(Number),
      raw: { daily: expect.objectContaining({ happenDay: expect.any(Number) }) },
    });
  });

  it("waits out a 429 with Retry-After and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: WORKOUTS,
      kind: "rate_limit",
      times: 1,
      skip: 1,
      retryAfterSeconds: 7,
    });
    const { waits, sleep } = recordingSleep();
    const job = await syncNow(database.db, connection, { sleep });
    expect(waits).toContain(7000);
    expect(job).toMatchObject({ status: "succeeded", inserted: expected("athlete").total, waitingUntil: null });
    expect((await countRows(user.id)).workouts).toBe(expected("athlete").workouts);
  });

  it("retries server errors and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    sandbox.state.faults.push({ host: HOST, pathIncludes: DAILY, kind: "server_error", times: 2, skip: 1 });
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", inserted: expected("athlete").total });
    expect((await countRows(user.id)).days).toBe(expected("athlete").days);
    expect(calls(DAILY)).toBe(3); // the failed tries never reached the endpoint
  });

  it("stops the stream of a malformed window with a message naming the field, keeping earlier windows whole", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    const body = {
      result: "0000",
      message: "OK",
      data: [{ labelId: 406974289395351552, mode: 8, subMode: 1, startTime: 1767852000 }],
    };
    sandbox.state.faults.push({ host: HOST, pathIncludes: WORKOUTS, kind: "malformed", times: 1, skip: 1, body });
    const job = await syncNow(database.db, connection, { maxAttempts: 4 });
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/COROS sent malformed workouts data: data\.0\.labelId/);
    const firstWindow = expected("athlete", { from: isoDay(-88), to: isoDay(-59) }).workouts;
    // The daily stream still syncs in full.
    expect(job.inserted).toBe(firstWindow + expected("athlete").days);
    expect(await countRows(user.id)).toEqual({ workouts: firstWindow, days: expected("athlete").days });
    expect(JSON.parse((await reloadConnection(database.db, connection.id)).cursors.workouts!)).toEqual({
      from: isoDay(-58),
    });
  });

  it("resumes an interrupted backfill from the last committed window without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    // Four failures outlast the fetch's three retries: the attempt ends after one window.
    sandbox.state.faults.push({ host: HOST, pathIncludes: WORKOUTS, kind: "server_error", times: 4, skip: 1 });
    const interrupted = await syncNow(database.db, connection);
    const firstWindow = expected("athlete", { from: isoDay(-88), to: isoDay(-59) }).workouts;
    expect(interrupted).toMatchObject({ status: "pending", inserted: firstWindow });
    const resumed = await syncNow(database.db, connection);
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed).toMatchObject({ status: "succeeded", inserted: expected("athlete").total });
    expect([calls(WORKOUTS), calls(DAILY)]).toEqual([3, 3]); // windows 2 and 3 once, never window 1 again
    expect(await countRows(user.id)).toEqual({
      workouts: expected("athlete").workouts,
      days: expected("athlete").days,
    });
  });
});
