import { expect, it } from "vitest";
import { upsertConnection } from "@/lib/db/queries/connections";
import {
  findBodySeries,
  findDailySeries,
  findHealthCoverage,
  findSleepSeries,
  findSourceLabels,
} from "@/lib/db/queries/health-series";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const owner = (userId: string, provider: string, sourceId = "") => ({ userId, connectionId: null, provider, sourceId });
// 2026-11-02 is a Monday.
const day = (offset: number) => new Date(Date.UTC(2026, 10, 2 + offset)).toISOString().slice(0, 10);
const night = (localDate: string, id: string, hours: { deep: number; rem: number; light: number; awake: number }) => ({
  externalId: id,
  startAt: new Date(`${localDate}T00:00:00Z`),
  endAt: new Date(`${localDate}T07:00:00Z`),
  localDate,
  deepS: hours.deep * 3600,
  remS: hours.rem * 3600,
  lightS: hours.light * 3600,
  awakeS: hours.awake * 3600,
  asleepS: (hours.deep + hours.rem + hours.light) * 3600,
});

describeEachDatabase("health series", (database) => {
  it("returns one point per day and source inside the range, and nothing of another user's", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id, "oura", "o-1"), {
      dailySummaries: [0, 1, 2, 3].map((i) => ({
        localDate: day(i),
        hrvMs: 40 + i,
        readinessScore: 80 - i,
        steps: 1000 * (i + 1),
      })),
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "Ana's Apple Watch"), {
      dailySummaries: [{ localDate: day(1), hrvMs: 55, steps: 9412 }],
    });
    await upsertRecordBatch(database.db, owner(other.id, "oura", "o-1"), {
      dailySummaries: [
        { localDate: day(1), hrvMs: 99, steps: 1 },
        { localDate: day(2), hrvMs: 98 },
      ],
    });

    const rows = await findDailySeries(database.db, { userId: user.id, start: day(1), end: day(2), bucket: "day" });
    expect(rows.map((row) => [row.date, row.provider, row.sourceId, row.hrvMs, row.steps])).toEqual([
      [day(1), "apple_health", "Ana's Apple Watch", 55, 9412],
      [day(1), "oura", "o-1", 41, 2000],
      [day(2), "oura", "o-1", 42, 3000],
    ]);
    expect(rows[1]).toMatchObject({ readinessScore: 79, recoveryScore: null, days: 1 });
    expect(
      await findDailySeries(database.db, { userId: other.id, start: day(0), end: day(3), bucket: "day" }),
    ).toHaveLength(2);
  });

  it("averages a week's days into one point dated on its Monday, and months into the 1st", async () => {
    const user = await createTestUser(database.db);
    // Two full weeks plus the Monday after: 30..90 in week one, steps missing on one day.
    await upsertRecordBatch(database.db, owner(user.id, "whoop", "w"), {
      dailySummaries: Array.from({ length: 15 }, (_, i) => ({
        localDate: day(i),
        restingHeartRateBpm: i < 7 ? 10 * (i + 3) : 50,
        recoveryScore: i,
        strain: 10,
        steps: i === 3 ? null : 7000,
      })),
    });
    const weeks = await findDailySeries(database.db, { userId: user.id, start: day(0), end: day(14), bucket: "week" });
    expect(weeks.map((row) => [row.date, row.restingHeartRateBpm, row.days])).toEqual([
      [day(0), 60, 7],
      [day(7), 50, 7],
      [day(14), 50, 1],
    ]);
    expect(weeks[0]!.recoveryScore).toBeCloseTo(3);
    expect(weeks[0]!.steps).toBe(7000);

    // A range starting mid-week still labels the bucket by its Monday, averaging only the days in range.
    const [partial] = await findDailySeries(database.db, {
      userId: user.id,
      start: day(5),
      end: day(6),
      bucket: "week",
    });
    expect(partial).toMatchObject({ date: day(0), restingHeartRateBpm: 85, days: 2 });

    const months = await findDailySeries(database.db, {
      userId: user.id,
      start: "2026-10-01",
      end: "2026-12-31",
      bucket: "month",
    });
    expect(months.map((row) => [row.date, row.days])).toEqual([["2026-11-01", 15]]);
  });

  it("sums a night's sessions per source, then averages nights per bucket", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id, "oura", "o"), {
      sleepSessions: [
        night(day(0), "n0", { deep: 1, rem: 2, light: 4, awake: 0.5 }),
        night(day(0), "nap", { deep: 0, rem: 0, light: 0.5, awake: 0 }),
        night(day(1), "n1", { deep: 2, rem: 1, light: 3, awake: 1 }),
      ],
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "Watch"), {
      sleepSessions: [night(day(1), "a1", { deep: 1, rem: 1, light: 5, awake: 0 })],
    });
    await upsertRecordBatch(database.db, owner(other.id, "oura", "o"), {
      sleepSessions: [night(day(1), "x", { deep: 9, rem: 9, light: 9, awake: 9 })],
    });

    const nights = await findSleepSeries(database.db, { userId: user.id, start: day(0), end: day(1), bucket: "day" });
    expect(nights.map((row) => [row.date, row.provider, row.deepS, row.lightS, row.asleepS])).toEqual([
      [day(0), "oura", 3600, 4.5 * 3600, 7.5 * 3600],
      [day(1), "apple_health", 3600, 5 * 3600, 7 * 3600],
      [day(1), "oura", 7200, 3 * 3600, 6 * 3600],
    ]);
    const [week] = await findSleepSeries(database.db, {
      userId: user.id,
      start: day(0),
      end: day(6),
      bucket: "week",
    }).then((rows) => rows.filter((row) => row.provider === "oura"));
    expect(week).toMatchObject({ date: day(0), deepS: 1.5 * 3600, remS: 1.5 * 3600, awakeS: 0.75 * 3600, nights: 2 });
  });

  it("puts weigh-ins on their day in the person's time zone and averages several a day", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id, "health_connect", "com.withings.wiscale2"), {
      bodyMeasurements: [
        { measuredAt: new Date(`${day(0)}T06:00:00Z`), weightKg: 70, bmi: 22 },
        { measuredAt: new Date(`${day(0)}T23:30:00Z`), weightKg: 71 },
        { measuredAt: new Date(`${day(1)}T00:30:00Z`), weightKg: 72 },
        { measuredAt: new Date(`${day(3)}T00:00:00Z`), weightKg: 90 },
      ],
    });
    await upsertRecordBatch(database.db, owner(other.id, "health_connect", "com.withings.wiscale2"), {
      bodyMeasurements: [{ measuredAt: new Date(`${day(0)}T07:00:00Z`), weightKg: 120 }],
    });

    const rows = await findBodySeries(database.db, {
      userId: user.id,
      start: day(0),
      end: day(2),
      bucket: "day",
      timeZone: "UTC",
    });
    expect(rows.map((row) => [row.date, row.weightKg, row.bmi])).toEqual([
      [day(0), 70.5, 22],
      [day(1), 72, null],
    ]);
    // Five hours behind UTC, the evening weigh-ins (18:30 and 19:30) belong to the same day as
    // the morning one, and the midnight-UTC one moves back into the range.
    const newYork = await findBodySeries(database.db, {
      userId: user.id,
      start: day(0),
      end: day(2),
      bucket: "day",
      timeZone: "America/New_York",
    });
    expect(newYork.map((row) => [row.date, row.weightKg, row.bmi])).toEqual([
      [day(0), 71, 22],
      [day(2), 90, null],
    ]);
    const [week] = await findBodySeries(database.db, {
      userId: user.id,
      start: day(0),
      end: day(6),
      bucket: "week",
      timeZone: "UTC",
    });
    expect(week!.weightKg).toBeCloseTo(75.75);
  });

  it("knows the span and which metrics a user has ever had, and only their own", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const empty = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id, "oura", "o"), {
      dailySummaries: [{ localDate: "2024-03-05", hrvMs: 50 }],
      sleepSessions: [night("2026-01-10", "s", { deep: 1, rem: 1, light: 1, awake: 0 })],
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "Scale"), {
      bodyMeasurements: [{ measuredAt: new Date("2026-02-01T23:30:00-05:00"), weightKg: 70 }],
    });
    await upsertRecordBatch(database.db, owner(other.id, "whoop", "w"), {
      dailySummaries: [{ localDate: "2020-01-01", strain: 12, steps: 100 }],
    });

    const coverage = await findHealthCoverage(database.db, { userId: user.id, timeZone: "UTC" });
    expect(coverage).toEqual({
      first: "2024-03-05",
      last: "2026-02-02",
      has: {
        sleep: true,
        hrv: true,
        resting_heart_rate: false,
        readiness: false,
        recovery: false,
        strain: false,
        steps: false,
        weight: true,
        bmi: false,
      },
      sources: [
        { provider: "apple_health", sourceId: "Scale" },
        { provider: "oura", sourceId: "o" },
      ],
    });
    // 23:30 in New York is already the next day in UTC.
    expect((await findHealthCoverage(database.db, { userId: user.id, timeZone: "America/New_York" })).last).toBe(
      "2026-02-01",
    );
    const nothing = await findHealthCoverage(database.db, { userId: empty.id, timeZone: "UTC" });
    expect(nothing.first).toBeNull();
    expect(Object.values(nothing.has).some(Boolean)).toBe(false);
    expect(nothing.sources).toEqual([]);
  });

  it("finds the labels a user gave their own accounts", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const account = (userId: string, externalUserId: string, label: string | null) =>
      upsertConnection(database.db, {
        userId,
        provider: "garmin",
        externalUserId,
        label,
        authKind: "oauth2",
        encryptedCredentials: null,
        expiresAt: null,
        scopes: [],
      });
    await account(user.id, "g-1", "Work watch");
    await account(user.id, "g-2", null);
    await account(other.id, "g-3", "Not mine");
    expect(await findSourceLabels(database.db, { userId: user.id })).toEqual([
      { provider: "garmin", sourceId: "g-1", label: "Work watch" },
    ]);
  });
});
