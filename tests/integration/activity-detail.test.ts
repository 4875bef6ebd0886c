import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { buildActivityDetail } from "@/lib/activity/detail";
import { findActivityForUser, findSamplesInWindow } from "@/lib/db/queries/activity-detail";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { DiskFileStore } from "@/lib/files/disk-store";
import { saveActivityFile } from "@/lib/files/save";
import { buildFitActivity } from "@tests/fixtures/activity-files";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const start = new Date("2026-11-20T06:00:00Z");
const store = new DiskFileStore(mkdtempSync(path.join(os.tmpdir(), "qt-detail-files-")));
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const owner = (userId: string, provider = "apple_health", sourceId = "Watch") => ({
  userId,
  connectionId: null,
  provider,
  sourceId,
});

describeEachDatabase("activity detail", (database) => {
  async function seedRun(userId: string) {
    await upsertRecordBatch(database.db, owner(userId), {
      activities: [
        {
          externalId: `run-${randomUUID()}`,
          type: "run",
          providerType: "Running",
          name: "Morning run",
          startAt: start,
          utcOffsetSeconds: 3600,
          durationS: 2700,
          distanceM: 8200,
          // Google's documented example: three points.
          polyline: "_p~iF~ps|U_ulLnnqC_mqNvxq`@",
        },
      ],
    });
    const [row] = await database.db.query.activities.findMany({ where: (table, { eq }) => eq(table.userId, userId) });
    return row!;
  }

  it("finds an activity only for its owner", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const run = await seedRun(user.id);

    expect(await findActivityForUser(database.db, { userId: user.id, activityId: run.id })).toMatchObject({
      name: "Morning run",
      type: "run",
      utcOffsetSeconds: 3600,
    });
    expect(await findActivityForUser(database.db, { userId: other.id, activityId: run.id })).toBeUndefined();
    expect(await findActivityForUser(database.db, { userId: user.id, activityId: randomUUID() })).toBeUndefined();
  });

  it("returns the user's samples of the asked metrics inside the window, both ends included, oldest first", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const heartRate = (seconds: number, value: number) => ({
      metric: "heart_rate",
      time: at(seconds),
      value,
      unit: "bpm",
    });
    await upsertRecordBatch(database.db, owner(user.id), {
      samples: [
        heartRate(-1, 90),
        heartRate(0, 100),
        heartRate(1350, 150),
        heartRate(2700, 160),
        heartRate(2701, 120),
        { metric: "hrv_sdnn", time: at(60), value: 40, unit: "ms" },
      ],
    });
    await upsertRecordBatch(database.db, owner(other.id), { samples: [heartRate(600, 175)] });

    const rows = await findSamplesInWindow(database.db, {
      userId: user.id,
      metrics: ["heart_rate"],
      from: start,
      to: at(2700),
    });
    expect(rows.map((row) => [row.time.getTime() - start.getTime(), row.value])).toEqual([
      [0, 100],
      [1_350_000, 150],
      [2_700_000, 160],
    ]);
    expect(rows[0]).toMatchObject({ provider: "apple_health", sourceId: "Watch", unit: "bpm" });
    expect(await findSamplesInWindow(database.db, { userId: user.id, metrics: [], from: start, to: at(2700) })).toEqual(
      [],
    );
  });

  it("puts the page together: source, route, heart-rate chart from the activity's window, nothing of another user's", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const run = await seedRun(user.id);
    await upsertRecordBatch(database.db, owner(user.id), {
      samples: Array.from({ length: 46 }, (_, minute) => ({
        metric: "heart_rate",
        time: at(minute * 60),
        value: 130 + minute,
        unit: "bpm",
      })),
    });
    await upsertRecordBatch(database.db, owner(other.id), {
      samples: [{ metric: "heart_rate", time: at(30), value: 199, unit: "bpm" }],
    });

    // As the page does: the activity is read for the signed-in person, then its detail built.
    const activity = (await findActivityForUser(database.db, { userId: user.id, activityId: run.id }))!;
    const detail = await buildActivityDetail(database.db, { userId: user.id, activity, units: "metric", store });
    expect(detail.source).toEqual({ name: "Apple Health" });
    expect(detail.route!.points).toHaveLength(3);
    expect(detail.heartRate).toMatchObject({ sampleCount: 46, min: 130, max: 175 });
    expect(detail.speed).toBeNull();
  });
});

describeEachDatabase("activity detail from an original file", (database) => {
  const rideStart = new Date("2026-11-21T08:00:00Z");

  async function seedRide(userId: string, polyline: string | null) {
    const externalId = `ride-${randomUUID()}`;
    await upsertRecordBatch(database.db, owner(userId, "garmin", ""), {
      activities: [
        {
          externalId,
          type: "ride",
          providerType: "ROAD_BIKING",
          name: "Ride",
          startAt: rideStart,
          durationS: 1200,
          polyline,
        },
      ],
    });
    const [row] = await database.db.query.activities.findMany({
      where: (table, { and, eq }) => and(eq(table.userId, userId), eq(table.externalId, externalId)),
    });
    return row!;
  }

  it("draws power, cadence and elevation from the kept FIT, lists its laps, and takes the route from it", async () => {
    const user = await createTestUser(database.db);
    const ride = await seedRide(user.id, null);
    const fit = buildFitActivity({
      start: rideStart,
      seconds: 1200,
      sport: "cycling",
      withPower: true,
      withCadence: true,
      laps: 3,
      intervalS: 2,
    });
    await saveActivityFile(database.db, store, {
      userId: user.id,
      bytes: fit,
      origin: "provider",
      source: "garmin",
      fileName: "ride.fit",
      activityId: ride.id,
    });

    const activity = (await findActivityForUser(database.db, { userId: user.id, activityId: ride.id }))!;
    const detail = await buildActivityDetail(database.db, { userId: user.id, activity, units: "metric", store });
    expect(detail.drawnFrom).toMatchObject({ format: "fit", fileName: "ride.fit" });
    expect(detail.power?.sampleCount).toBe(601);
    expect(detail.cadence?.unit).toBe("rpm");
    expect(detail.altitude?.unit).toBe("m");
    expect(detail.heartRate?.provider).toBe("garmin");
    expect(detail.speed?.title).toBe("Speed");
    expect(detail.laps).toHaveLength(3);
    expect(detail.route?.points.length).toBeGreaterThan(1);
    expect(detail.fileProblem).toBeNull();
  });

  it("says why a kept file cannot be drawn and falls back to the stored samples", async () => {
    const user = await createTestUser(database.db);
    const ride = await seedRide(user.id, "_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    const kept = await saveActivityFile(database.db, store, {
      userId: user.id,
      bytes: buildFitActivity({ start: rideStart, seconds: 600, sport: "cycling" }),
      origin: "upload",
      source: "upload",
      fileName: "gone.fit",
      activityId: ride.id,
    });
    await store.delete(user.id, kept.contentHash);

    const activity = (await findActivityForUser(database.db, { userId: user.id, activityId: ride.id }))!;
    const detail = await buildActivityDetail(database.db, { userId: user.id, activity, units: "metric", store });
    expect(detail.drawnFrom).toBeNull();
    expect(detail.fileProblem).toMatch(/gone\.fit could not be read/);
    expect(detail.power).toBeNull();
    expect(detail.route!.points).toHaveLength(3);
  });

  it("never draws another user's file", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const ride = await seedRide(user.id, null);
    await saveActivityFile(database.db, store, {
      userId: other.id,
      bytes: buildFitActivity({ start: rideStart, seconds: 600, sport: "cycling", withPower: true }),
      origin: "upload",
      source: "upload",
      activityId: ride.id,
    });
    const activity = (await findActivityForUser(database.db, { userId: user.id, activityId: ride.id }))!;
    const detail = await buildActivityDetail(database.db, { userId: user.id, activity, units: "metric", store });
    expect(detail.files).toHaveLength(0);
    expect(detail.power).toBeNull();
  });
});
