import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { activities, dailySummaries, samples } from "@/lib/db/schema";
import type { RecordBatch } from "@/lib/sync/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const activity = (externalId: string, distanceM: number) => ({
  externalId,
  type: "run",
  providerType: "Run",
  name: `Run ${externalId}`,
  startAt: new Date(`2026-10-${externalId.padStart(2, "0")}T06:00:00Z`),
  distanceM,
  raw: { id: externalId, distance: distanceM },
});

describeEachDatabase("batch upserts", (database) => {
  it("reports inserted, then unchanged on a re-run, then only what changed", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, connectionId: null, provider: "strava", sourceId: "athlete-1" };
    const batch: RecordBatch = { activities: [activity("1", 5000), activity("2", 10000), activity("3", 21097)] };

    expect(await upsertRecordBatch(database.db, owner, batch)).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const [before] = await database.db
      .select()
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.externalId, "1")));
    expect(await upsertRecordBatch(database.db, owner, batch)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });

    const changed = { activities: [activity("1", 5000), activity("2", 10500), activity("3", 21097)] };
    expect(await upsertRecordBatch(database.db, owner, changed)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 2,
      rejected: 0,
    });
    const [after] = await database.db
      .select()
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.externalId, "1")));
    // An unchanged row is not rewritten at all.
    expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());
  });

  it("counts a provider's implausible records as rejected instead of storing them", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, connectionId: null, provider: "oura", sourceId: "" };
    const time = new Date("2026-10-01T06:00:00Z");
    const batch: RecordBatch = {
      samples: [
        { metric: "heart_rate", time, value: 61, unit: "bpm" },
        { metric: "heart_rate", time: new Date("2026-10-01T06:01:00Z"), value: -5, unit: "bpm" },
      ],
      dailySummaries: [{ localDate: "2026-10-01", steps: 3_000_000_000 }],
    };
    expect(await upsertRecordBatch(database.db, owner, batch)).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: 2,
    });
    expect(await database.db.select({ value: samples.value }).from(samples).where(eq(samples.userId, user.id))).toEqual(
      [{ value: 61 }],
    );
    expect(await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id))).toEqual([]);
  });

  it("never writes into another user's rows, whatever the records say", async () => {
    const alice = await createTestUser(database.db);
    const bob = await createTestUser(database.db);
    await upsertRecordBatch(
      database.db,
      { userId: alice.id, connectionId: null, provider: "strava", sourceId: "" },
      { activities: [activity("7", 1000)] },
    );
    const sneaky = { activities: [{ ...activity("7", 99999), userId: alice.id } as ReturnType<typeof activity>] };
    await upsertRecordBatch(
      database.db,
      { userId: bob.id, connectionId: null, provider: "strava", sourceId: "" },
      sneaky,
    );
    const [aliceRow] = await database.db
      .select()
      .from(activities)
      .where(and(eq(activities.userId, alice.id), eq(activities.externalId, "7")));
    expect(aliceRow!.distanceM).toBe(1000);
  });

  it("folds duplicate keys inside one batch and keeps samples unique by metric, time and source", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, connectionId: null, provider: "apple_health", sourceId: "iPhone" };
    const time = new Date("2026-11-01T08:00:00Z");
    const batch: RecordBatch = {
      samples: [
        { metric: "heart_rate", time, value: 60, unit: "bpm" },
        { metric: "heart_rate", time, value: 61, unit: "bpm" },
        { metric: "steps", time, value: 100, unit: "count" },
      ],
    };
    expect(await upsertRecordBatch(database.db, owner, batch)).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 1,
      rejected: 0,
    });
    const rows = await database.db.select().from(samples).where(eq(samples.userId, user.id));
    expect(rows.find((row) => row.metric === "heart_rate")?.value).toBe(61);
    const otherPhone = { ...owner, sourceId: "Watch" };
    expect((await upsertRecordBatch(database.db, otherPhone, batch)).inserted).toBe(2);
  });
});

describeEachDatabase("samples written in either statement shape", (database) => {
  it("stores the same rows whether a slice is one metric without end times or mixed with them", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, connectionId: null, provider: "health_connect", sourceId: "Pixel" };
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute));
    const uniform: RecordBatch = {
      samples: [0, 1].map((minute) => ({
        metric: "heart_rate",
        time: at(minute),
        value: 60 + minute,
        unit: "bpm",
        meta: { min: 55, max: 70 },
      })),
    };
    const mixed: RecordBatch = {
      samples: [
        { metric: "steps", time: at(5), endTime: at(10), value: 420, unit: "count", meta: null },
        { metric: "blood_pressure_systolic", time: at(5), value: 118, unit: "mmHg" },
      ],
    };
    expect(await upsertRecordBatch(database.db, owner, uniform)).toMatchObject({ inserted: 2 });
    expect(await upsertRecordBatch(database.db, owner, mixed)).toMatchObject({ inserted: 2 });
    // Again, through the upsert: nothing changed.
    expect(
      await upsertRecordBatch(database.db, owner, { samples: [...uniform.samples!, ...mixed.samples!] }),
    ).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });

    const rows = await database.db.select().from(samples).where(eq(samples.userId, user.id));
    const byMetric = (metric: string) => rows.filter((row) => row.metric === metric);
    expect(
      byMetric("heart_rate")
        .sort((a, b) => a.time.getTime() - b.time.getTime())
        .map((row) => [row.time.toISOString(), row.endTime, row.value, row.unit, row.meta]),
    ).toEqual([
      ["2026-11-01T08:00:00.000Z", null, 60, "bpm", { min: 55, max: 70 }],
      ["2026-11-01T08:01:00.000Z", null, 61, "bpm", { min: 55, max: 70 }],
    ]);
    expect(byMetric("steps")[0]).toMatchObject({ time: at(5), endTime: at(10), value: 420, unit: "count", meta: null });
    expect(byMetric("blood_pressure_systolic")[0]).toMatchObject({
      endTime: null,
      value: 118,
      unit: "mmHg",
      meta: null,
    });
  });
});

describeEachDatabase("daily rows filled in by several streams", (database) => {
  it("merges a day's readiness and steps from separate pages instead of overwriting with nulls", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, connectionId: null, provider: "oura", sourceId: "ring" };
    const readiness = { localDate: "2026-11-20", readinessScore: 81, raw: { readiness: { score: 81 } } };
    const activity = { localDate: "2026-11-20", steps: 9120, raw: { activity: { steps: 9120 } } };
    expect((await upsertRecordBatch(database.db, owner, { dailySummaries: [readiness] })).inserted).toBe(1);
    expect((await upsertRecordBatch(database.db, owner, { dailySummaries: [activity] })).updated).toBe(1);
    expect((await upsertRecordBatch(database.db, owner, { dailySummaries: [readiness] })).unchanged).toBe(1);
    const [row] = await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id));
    expect(row).toMatchObject({
      readinessScore: 81,
      steps: 9120,
      raw: { readiness: { score: 81 }, activity: { steps: 9120 } },
    });
  });
});
