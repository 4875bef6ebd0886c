import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { disconnectConnection } from "@/lib/connections/disconnect";
import { upsertConnection } from "@/lib/db/queries/connections";
import { findMergedDaily } from "@/lib/db/queries/merged-daily";
import { queryMetric } from "@/lib/db/queries/metrics";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { samples } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const DAY = "2026-05-19";

describeEachDatabase("merged history after a disconnect", (database) => {
  it("leaves the phone's steps as the merged total once the watch is disconnected with its data", async () => {
    const user = await createTestUser(database.db);
    const { connection } = await upsertConnection(database.db, {
      userId: user.id,
      provider: "garmin",
      externalUserId: "g-1",
      label: null,
      authKind: "oauth2",
      encryptedCredentials: null,
      expiresAt: null,
      scopes: [],
    });
    const watch = { userId: user.id, connectionId: connection.id, provider: "garmin", sourceId: "g-1" };
    await upsertRecordBatch(database.db, watch, {
      dailySummaries: [{ localDate: DAY, steps: 11_900 }],
      samples: [{ metric: "step_count", time: new Date(`${DAY}T09:00:00Z`), value: 2_000, unit: "count" }],
      sleepSessions: [
        {
          externalId: "g-night",
          startAt: new Date(`2026-05-18T22:00:00Z`),
          endAt: new Date(`${DAY}T06:00:00Z`),
          localDate: DAY,
          asleepS: 26_000,
        },
      ],
      bodyMeasurements: [{ measuredAt: new Date(`${DAY}T05:30:00Z`), weightKg: 72.4 }],
    });
    const phone = { userId: user.id, connectionId: null, provider: "apple_health", sourceId: "iPhone" };
    await upsertRecordBatch(database.db, phone, {
      samples: [6, 9, 12, 18].map((hour) => ({
        metric: "step_count",
        time: new Date(`${DAY}T${String(hour).padStart(2, "0")}:00:00Z`),
        value: 1_500,
        unit: "count",
      })),
      sleepSessions: [
        {
          externalId: "phone-night",
          startAt: new Date(`2026-05-18T22:10:00Z`),
          endAt: new Date(`${DAY}T05:50:00Z`),
          localDate: DAY,
          asleepS: 25_000,
        },
      ],
      bodyMeasurements: [{ measuredAt: new Date(`${DAY}T05:31:00Z`), weightKg: 72.43 }],
    });
    const mergedSteps = () => findMergedDaily(database.db, { userId: user.id, metric: "steps", start: DAY, end: DAY });
    expect(await mergedSteps()).toMatchObject([{ value: 11_900, provider: "garmin" }]);
    const range = { userId: user.id, start: DAY, end: DAY };
    const nights = () => queryMetric(database.db, { ...range, metric: "sleep_duration", isMerged: true });
    expect((await nights()).points.map((point) => [point.provider, point.value])).toEqual([["garmin", 26_000]]);

    await disconnectConnection(database.db, { userId: user.id, connectionId: connection.id, deleteData: true });

    const [point] = await mergedSteps();
    expect(point).toMatchObject({ value: 6_000, provider: "apple_health", sourceId: "iPhone" });
    expect(point!.explanation.parts).toEqual([
      { provider: "apple_health", sourceId: "iPhone", value: 6_000, hours: [6, 9, 12, 18] },
    ]);
    expect(point!.explanation.others).toEqual([]);
    // The watch's samples went with its data; the phone's stay.
    const left = await database.db
      .select({ provider: samples.provider })
      .from(samples)
      .where(and(eq(samples.userId, user.id), eq(samples.metric, "step_count")));
    expect(left.map((row) => row.provider)).toEqual(Array(4).fill("apple_health"));
    // The phone's night and weigh-in count again.
    expect((await nights()).points.map((point) => [point.provider, point.value, point.copies])).toEqual([
      ["apple_health", 25_000, []],
    ]);
    const weighIns = await findWeightRecords(database.db, { ...range, timeZone: "UTC", isMerged: true });
    expect(weighIns.map((record) => [record.source, record.weightKg])).toEqual([["apple_health", 72.43]]);
  });

  it("merges nothing again when the data is kept", async () => {
    const user = await createTestUser(database.db);
    const { connection } = await upsertConnection(database.db, {
      userId: user.id,
      provider: "garmin",
      externalUserId: "g-2",
      label: null,
      authKind: "oauth2",
      encryptedCredentials: null,
      expiresAt: null,
      scopes: [],
    });
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: connection.id, provider: "garmin", sourceId: "g-2" },
      { dailySummaries: [{ localDate: DAY, steps: 8_000 }] },
    );
    await disconnectConnection(database.db, { userId: user.id, connectionId: connection.id, deleteData: false });
    expect(
      await findMergedDaily(database.db, { userId: user.id, metric: "steps", start: DAY, end: DAY }),
    ).toMatchObject([{ value: 8_000, provider: "garmin" }]);
  });
});
