import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { bodyMeasurements, users } from "@/lib/db/schema";
import { hasErrorCode } from "@/lib/errors";
import type { BodyRecord } from "@/lib/sync/records";
import { compareWeights } from "@/lib/weight/compare-weights";
import { forwardMissingWeights } from "@/lib/weight/forward";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const fitbit = (userId: string) => ({ userId, connectionId: null, provider: "fitbit", sourceId: "fb-1" });
const garmin = (userId: string) => ({ userId, connectionId: null, provider: "garmin", sourceId: "g-1" });
const weighIn = (externalId: string | null, at: string, weightKg: number): BodyRecord => ({
  externalId,
  measuredAt: new Date(at),
  weightKg,
  bodyFatPercent: null,
});

describeEachDatabase("weigh-ins", (database) => {
  const rowsOf = (userId: string) =>
    database.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId));

  it("leaves a weigh-in alone when the provider sends it 0.01 kg off, and rewrites it when just over", async () => {
    const user = await createTestUser(database.db);
    const write = (weightKg: number) =>
      upsertRecordBatch(database.db, fitbit(user.id), {
        bodyMeasurements: [weighIn("w-1", "2026-03-01T07:10:00Z", weightKg)],
      });
    expect(await write(80)).toMatchObject({ inserted: 1 });
    const [first] = await rowsOf(user.id);
    expect(first).toMatchObject({ externalId: "w-1", weightKg: 80, syncStatus: "pending" });
    // Forwarded meanwhile: an unchanged weigh-in must not be sent again.
    await database.db.update(bodyMeasurements).set({ syncStatus: "synced" }).where(eq(bodyMeasurements.id, first!.id));
    const [forwarded] = await rowsOf(user.id);

    expect(await write(80.01)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await write(79.99)).toMatchObject({ updated: 0, unchanged: 1 });
    const [same] = await rowsOf(user.id);
    expect(same).toMatchObject({ weightKg: 80, syncStatus: "synced", updatedAt: forwarded!.updatedAt });

    expect(await write(80.011)).toMatchObject({ inserted: 0, updated: 1 });
    const [changed] = await rowsOf(user.id);
    expect(changed).toMatchObject({ id: first!.id, weightKg: 80.011, syncStatus: "pending" });
  });

  it("finds a weigh-in by its id when its time was edited, and never duplicates it", async () => {
    const user = await createTestUser(database.db);
    const owner = fitbit(user.id);
    await upsertRecordBatch(database.db, owner, { bodyMeasurements: [weighIn("w-7", "2026-03-01T07:10:00Z", 70)] });
    const counts = await upsertRecordBatch(database.db, owner, {
      bodyMeasurements: [weighIn("w-7", "2026-03-01T08:00:00Z", 70.5)],
    });
    expect(counts).toMatchObject({ inserted: 0, updated: 1 });
    expect(await rowsOf(user.id)).toEqual([expect.objectContaining({ externalId: "w-7", weightKg: 70.5 })]);
  });

  it("computes BMI from the provider's height when there is one, else from the person's own", async () => {
    const user = await createTestUser(database.db);
    await database.db.update(users).set({ heightM: 1.6 }).where(eq(users.id, user.id));
    await upsertRecordBatch(database.db, fitbit(user.id), {
      bodyMeasurements: [weighIn("w-1", "2026-03-01T07:10:00Z", 64)],
    });
    expect((await rowsOf(user.id))[0]!.bmi).toBe(25);

    const other = await createTestUser(database.db);
    await database.db.update(users).set({ heightM: 1.6 }).where(eq(users.id, other.id));
    await upsertRecordBatch(database.db, fitbit(other.id), {
      samples: [{ metric: "height", time: new Date("2020-01-01T00:00:00Z"), value: 1.8, unit: "m" }],
      bodyMeasurements: [weighIn("w-1", "2026-03-01T07:10:00Z", 81)],
    });
    expect((await rowsOf(other.id))[0]!.bmi).toBe(25);
  });

  it("answers the query API with each weigh-in's id, kg, BMI, unit, local date, source and sync status, for the asker only", async () => {
    const user = await createTestUser(database.db);
    const stranger = await createTestUser(database.db);
    await database.db.update(users).set({ heightM: 1.8 }).where(eq(users.id, user.id));
    await upsertRecordBatch(database.db, fitbit(user.id), {
      bodyMeasurements: [
        weighIn("w-1", "2026-03-01T07:10:00Z", 81),
        // 23:30 in New York on 3 March is 4 March in UTC.
        weighIn("w-2", "2026-03-04T04:30:00Z", 80),
        weighIn("w-3", "2026-03-09T07:10:00Z", 79),
      ],
    });
    await upsertRecordBatch(database.db, garmin(user.id), {
      bodyMeasurements: [weighIn(null, "2026-03-02T07:10:00Z", 80.5)],
    });
    await upsertRecordBatch(database.db, fitbit(stranger.id), {
      bodyMeasurements: [weighIn("w-1", "2026-03-01T07:10:00Z", 99)],
    });

    const records = await findWeightRecords(database.db, {
      userId: user.id,
      provider: "fitbit",
      start: "2026-03-01",
      end: "2026-03-03",
      timeZone: "America/New_York",
    });
    expect(records).toEqual([
      {
        id: expect.any(String),
        date: "2026-03-01",
        measuredAt: "2026-03-01T07:10:00.000Z",
        weightKg: 81,
        bmi: 25,
        unit: "kg",
        source: "fitbit",
        sourceId: "fb-1",
        syncStatus: "pending",
      },
      expect.objectContaining({ date: "2026-03-03", measuredAt: "2026-03-04T04:30:00.000Z", weightKg: 80 }),
    ]);
    const everySource = await findWeightRecords(database.db, {
      userId: user.id,
      start: "2026-03-01",
      end: "2026-03-31",
      timeZone: "UTC",
    });
    expect(everySource.map((record) => `${record.source}:${record.weightKg}`)).toEqual([
      "fitbit:81",
      "garmin:80.5",
      "fitbit:80",
      "fitbit:79",
    ]);
  });

  it("compares two sources by day: counts, the gaps on each side and the days beyond the tolerance", async () => {
    const user = await createTestUser(database.db);
    const day = (date: string, hour = "07") => `${date}T${hour}:10:00Z`;
    await upsertRecordBatch(database.db, fitbit(user.id), {
      bodyMeasurements: [
        weighIn("f1", day("2026-05-01"), 80),
        weighIn("f2", day("2026-05-02"), 80.2),
        weighIn("f2b", day("2026-05-02", "19"), 81.4),
        weighIn("f3", day("2026-05-03"), 80.4),
        weighIn("f5", day("2026-05-05"), 81),
        weighIn("out", day("2026-05-20"), 81),
      ],
    });
    await upsertRecordBatch(database.db, garmin(user.id), {
      bodyMeasurements: [
        weighIn(null, day("2026-05-01"), 80.05),
        weighIn(null, day("2026-05-02"), 80.6),
        weighIn(null, day("2026-05-04"), 79.9),
        weighIn(null, day("2026-05-05"), 81),
      ],
    });
    // Someone else's Garmin weigh-in on the gap day must not fill it.
    const stranger = await createTestUser(database.db);
    await upsertRecordBatch(database.db, garmin(stranger.id), {
      bodyMeasurements: [weighIn(null, day("2026-05-03"), 80.4)],
    });

    const comparison = await compareWeights(database.db, {
      userId: user.id,
      timeZone: "UTC",
      input: { start_date: "2026-05-01", end_date: "2026-05-10" },
    });
    expect(comparison).toMatchObject({
      sourceA: "fitbit",
      sourceB: "garmin",
      toleranceKg: 0.1,
      counts: { sourceA: { records: 5, days: 4 }, sourceB: { records: 4, days: 4 } },
      onlyInA: [{ date: "2026-05-03", weightKg: 80.4 }],
      onlyInB: [{ date: "2026-05-04", weightKg: 79.9 }],
      differing: [{ date: "2026-05-02", weightKgA: 80.2, weightKgB: 80.6, differenceKg: 0.4 }],
      matchingDays: 2,
    });
    const strict = await compareWeights(database.db, {
      userId: user.id,
      timeZone: "UTC",
      input: { sourceA: "garmin", sourceB: "fitbit", start_date: "2026-05-01", end_date: "2026-05-10", toleranceKg: 0 },
    });
    expect(strict.differing.map((difference) => difference.date)).toEqual(["2026-05-01", "2026-05-02"]);
    expect(strict.onlyInA.map((gap) => gap.date)).toEqual(["2026-05-04"]);

    await expect(
      compareWeights(database.db, {
        userId: user.id,
        timeZone: "UTC",
        input: { sourceA: "fitbit", sourceB: "fitbit", start_date: "2026-05-10", end_date: "2026-05-01" },
      }),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["sourceB"] }),
        expect.objectContaining({ path: ["start_date"] }),
      ]),
    });
  });

  it("refuses to forward with 409 when no linked account of the destination accepts weight, and writes nothing", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(database.db, fitbit(user.id), {
      bodyMeasurements: [weighIn("f1", "2026-05-01T07:10:00Z", 80)],
    });
    const forward = () =>
      forwardMissingWeights(database.db, {
        userId: user.id,
        timeZone: "UTC",
        input: { start_date: "2026-05-01", end_date: "2026-05-31" },
      });
    await expect(forward()).rejects.toSatisfy(
      (error) =>
        hasErrorCode(error, "CONFLICT") && error.message.startsWith("No destination that accepts weight is linked"),
    );
    expect(await rowsOf(user.id)).toEqual([expect.objectContaining({ syncStatus: "pending" })]);
  });
});
