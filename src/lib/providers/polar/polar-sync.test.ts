import { and, count, eq, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { openTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db";
import { setConnectionCursor } from "@/lib/db/queries/connections";
import { activities, bodyMeasurements, dailySummaries, sleepSessions } from "@/lib/db/schema";
import { sandboxAccount } from "@/sandbox/accounts";
import { syntheticDays } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "@tests/sync-driver";
import { polarExerciseWorkouts, polarListedNights, registrationKey } from "@/sandbox/polar/sandbox-data";
import { polarPhysicalInfo } from "@/sandbox/polar/sandbox-physical-info";
import { polarMinimumFirstSyncRequests, polarSync } from "./sync";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const HOST = "www.polaraccesslink.com";
const ACCOUNT = "athlete";
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utcToday = () => Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
const calls = (path: string) => sandbox.state.countCalls({ provider: "polar", method: "GET", path });
const activityCalls = () => calls("/v3/users/activities");

/** Days the daily-activity stream asks for: Polar's `from`..`to` in UTC dates, as the sandbox serves them. */
const activityDays = (fromDaysAgo: number) =>
  syntheticDays("polar", ACCOUNT, isoDay(utcToday() - fromDaysAgo * DAY_MS), isoDay(utcToday()));

describeEachDatabase("Polar sync", (database) => {
  const rows = async (table: typeof activities | typeof sleepSessions | typeof dailySummaries, userId: string) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
  const stepDays = async (userId: string) =>
    (
      await database.db
        .select({ n: count() })
        .from(dailySummaries)
        .where(and(eq(dailySummaries.userId, userId), isNotNull(dailySummaries.steps)))
    )[0]!.n;
  /** A connection whose daily activity was last read `days` ago, so the stream pages 28-day windows. */
  const staleDailyCursor = (db: Database, connectionId: string, days: number) =>
    setConnectionCursor(db, {
      connectionId,
      stream: "daily-activity",
      cursor: JSON.stringify({ from: isoDay(utcToday() - days * DAY_MS) }),
    });

  it("backfills the lists in one request each and a year of daily activity in 28-day windows, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    const exercises = polarExerciseWorkouts(ACCOUNT);
    const nights = polarListedNights(ACCOUNT);
    const days = activityDays(364);
    expect(exercises.length).toBeGreaterThan(10);

    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", progressDone: 100 });
    expect(await rows(activities, user.id)).toBe(exercises.length);
    expect(await rows(sleepSessions, user.id)).toBe(nights.length);
    expect(await stepDays(user.id)).toBe(days.length);
    expect(await rows(dailySummaries, user.id)).toBe(
      new Set([...nights.map((night) => night.localDate), ...days.map((day) => day.localDate)]).size,
    );
    for (const path of ["/v3/exercises", "/v3/users/sleep", "/v3/users/nightly-recharge", "/v3/users/physical-info"])
      expect(calls(path)).toBe(1);
    expect(activityCalls()).toBe(Math.ceil(365 / 28));
    const dataPaths = [
      "/v3/exercises",
      "/v3/users/sleep",
      "/v3/users/nightly-recharge",
      "/v3/users/physical-info",
      "/v3/users/activities",
    ];
    expect(dataPaths.reduce((sum, path) => sum + calls(path), 0)).toBe(polarMinimumFirstSyncRequests());

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await rows(activities, user.id)).toBe(exercises.length);
    const cursors = (await reloadConnection(database.db, connection.id)).cursors;
    expect(JSON.parse(cursors["daily-activity"]!)).toEqual({ from: isoDay(utcToday() - 6 * DAY_MS) });
  });

  it("walks 28-day windows back as far as the first sync reaches: 60 days, all stored, in ceil(60 / 28) requests", async () => {
    const original = polarSync.backfillDays;
    polarSync.backfillDays = 60;
    try {
      const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
      const job = await syncNow(database.db, connection);
      expect(job.status).toBe("succeeded");
      expect(activityDays(59)).toHaveLength(60);
      expect(await stepDays(user.id)).toBe(60);
      expect(activityCalls()).toBe(Math.ceil(60 / 28));
    } finally {
      polarSync.backfillDays = original;
    }
  });

  it("counts a night's asleep time as light + deep + REM, never the unrecognized stage", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    await syncNow(database.db, connection);
    const headers = { authorization: `Bearer ${openTokens(connection).accessToken}` };
    const { nights } = (await (await fetch(`${sandbox.url}/${HOST}/v3/users/sleep`, { headers })).json()) as {
      nights: Array<Record<string, number> & { date: string }>;
    };
    expect(nights.every((night) => night.unrecognized_sleep_stage! > 0)).toBe(true);
    const stored = new Map(
      (await database.db.select().from(sleepSessions).where(eq(sleepSessions.userId, user.id))).map((row) => [
        row.localDate,
        row,
      ]),
    );
    for (const night of nights) {
      expect(stored.get(night.date)).toMatchObject({
        asleepS: night.light_sleep! + night.deep_sleep! + night.rem_sleep!,
        awakeS: night.total_interruption_duration,
      });
    }
  });

  it("stores the physical info's weight as one body measurement, and a re-sync adds nothing", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    const info = polarPhysicalInfo(ACCOUNT);
    await syncNow(database.db, connection);
    const bodyRows = () => database.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, user.id));
    const heightM = info.height / 100;
    expect(await bodyRows()).toMatchObject([
      {
        weightKg: info.weight,
        measuredAt: new Date(info.modified),
        bmi: Math.round((info.weight / heightM / heightM) * 10) / 10,
      },
    ]);

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await bodyRows()).toHaveLength(1);
  });

  it("stores SI units, instants, local dates and normalized types; streams merge into one day row", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    await syncNow(database.db, connection);
    const stored = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    const expected = polarExerciseWorkouts(ACCOUNT);
    const first = expected[0]!;
    const match = stored.find((row) => row.startAt.getTime() === first.startAt.getTime())!;
    expect(match).toMatchObject({
      durationS: first.durationS,
      energyKcal: first.energyKcal,
      utcOffsetSeconds: first.utcOffsetSeconds,
      avgHeartRateBpm: first.avgHeartRate,
    });
    expect(new Set(stored.map((row) => row.type))).toContain("run");
    expect(stored.find((row) => row.providerType === "STRENGTH_TRAINING")?.type ?? "strength").toBe("strength");

    const night = polarListedNights(ACCOUNT).at(-1)!;
    const [sleepRow] = await database.db
      .select()
      .from(sleepSessions)
      .where(and(eq(sleepSessions.userId, user.id), eq(sleepSessions.localDate, night.localDate)));
    expect(sleepRow).toMatchObject({
      startAt: night.bedtimeStart,
      endAt: night.bedtimeEnd,
      deepS: night.deepS,
      score: night.score,
      utcOffsetSeconds: night.utcOffsetSeconds,
    });
    expect(sleepRow!.stages!.length).toBeGreaterThan(3);

    const [day] = await database.db
      .select()
      .from(dailySummaries)
      .where(and(eq(dailySummaries.userId, user.id), eq(dailySummaries.localDate, night.localDate)));
    expect(day).toMatchObject({
      hrvMs: night.avgHrvMs,
      sleepScore: night.score,
      raw: { recharge: expect.any(Object) },
    });
    const steps = activityDays(27).find((entry) => entry.localDate === night.localDate);
    if (steps)
      expect(day).toMatchObject({
        steps: steps.steps,
        totalEnergyKcal: steps.totalEnergyKcal,
        raw: { activity: expect.any(Object) },
      });
  });

  it("waits out a 429 as its Retry-After says and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v3/users/sleep",
      kind: "rate_limit",
      times: 1,
      retryAfterSeconds: 7,
    });
    const { waits, sleep } = recordingSleep();
    const job = await syncNow(database.db, connection, { sleep });
    expect(waits).toContain(7000);
    expect(job).toMatchObject({ status: "succeeded", waitingUntil: null });
    expect(await rows(sleepSessions, user.id)).toBe(polarListedNights(ACCOUNT).length);
    expect(calls("/v3/users/sleep")).toBe(1); // the 429 never reached the handler
  });

  it("retries server errors and finishes", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/v3/exercises", kind: "server_error", times: 2 });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(await rows(activities, user.id)).toBe(polarExerciseWorkouts(ACCOUNT).length);
  });

  it("stops the stream of a malformed page with a message naming the field, keeping earlier pages whole", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    await staleDailyCursor(database.db, connection.id, 70); // three windows: 70-43, 42-15, 14-0 days ago
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v3/users/activities",
      kind: "malformed",
      times: 1,
      skip: 1,
      body: [{ start_time: "yesterday", steps: 10 }],
    });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("partial");
    expect(job.error).toMatch(/daily-activity data: 0\.start_time/);
    expect(await stepDays(user.id)).toBe(
      syntheticDays("polar", ACCOUNT, isoDay(utcToday() - 70 * DAY_MS), isoDay(utcToday() - 43 * DAY_MS)).length,
    );
    expect(await rows(activities, user.id)).toBe(polarExerciseWorkouts(ACCOUNT).length);
    const cursor = (await reloadConnection(database.db, connection.id)).cursors["daily-activity"]!;
    expect(JSON.parse(cursor)).toEqual({ from: isoDay(utcToday() - 42 * DAY_MS) });
  });

  it("resumes an interrupted sync from the last committed window without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    await staleDailyCursor(database.db, connection.id, 70);
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/v3/users/activities",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted.status).toBe("pending");
    expect(await stepDays(user.id)).toBe(28);

    const before = activityCalls();
    const resumed = await syncNow(database.db, connection);
    expect(resumed).toMatchObject({ id: interrupted.id, status: "succeeded" });
    expect(activityCalls() - before).toBe(2); // windows two and three only
    expect(await stepDays(user.id)).toBe(activityDays(70).length);
    expect(await rows(activities, user.id)).toBe(polarExerciseWorkouts(ACCOUNT).length);
    expect(await rows(sleepSessions, user.id)).toBe(polarListedNights(ACCOUNT).length);
  });

  it("gets 403 for a user not registered with our client, and 400 for a window Polar does not allow", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", ACCOUNT);
    const headers = { authorization: `Bearer ${openTokens(connection).accessToken}` };
    const base = `${sandbox.url}/${HOST}/v3/users/activities`;
    expect(
      (await fetch(`${base}?from=${isoDay(utcToday() - 28 * DAY_MS)}&to=${isoDay(utcToday())}`, { headers })).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${base}?from=${isoDay(utcToday() - 400 * DAY_MS)}&to=${isoDay(utcToday() - 390 * DAY_MS)}`, {
          headers,
        })
      ).status,
    ).toBe(400);

    sandbox.state.registrations.delete(registrationKey(sandboxAccount("polar", ACCOUNT).numericId));
    expect((await fetch(`${sandbox.url}/${HOST}/v3/exercises`, { headers })).status).toBe(403);
    const job = await syncNow(database.db, connection);
    expect(job.status).not.toBe("succeeded");
    expect(job.error).toMatch(/consents/);
  });
});
