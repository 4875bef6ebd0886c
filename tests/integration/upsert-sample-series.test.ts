import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { upsertSampleSeries } from "@/lib/db/queries/upsert-sample-series";
import { upsertSamples } from "@/lib/db/queries/upsert-samples";
import { samples } from "@/lib/db/schema";
import type { SampleRecord } from "@/lib/sync/records";
import { sampleRecordsOf, type SampleSeries } from "@/lib/sync/sample-series";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

// Times on both sides of Postgres's own epoch (2000-01-01), which the binary COPY counts from.
const TIMES = [
  "1970-01-01T00:00:00.001Z",
  "1999-12-31T23:59:59.999Z",
  "2000-01-01T00:00:00Z",
  "2026-11-20T06:15:00.5Z",
];

const series = (values: number[]): SampleSeries => ({
  metric: "sleep_core",
  unit: ["s", "s", "min", "s"],
  times: Float64Array.from(TIMES, (time) => Date.parse(time)),
  endTimes: Float64Array.from([NaN, Date.parse("2000-01-01T00:10:00Z"), NaN, Date.parse("2026-11-20T07:00:00Z")]),
  values: Float64Array.from(values),
  metas: [null, { stage: "Core", note: 'tab\t, quote " and ü' }, null, { min: 1 }],
});

describeEachDatabase("samples held in columns", (database) => {
  const stored = async (userId: string) =>
    (
      await database.db
        .select({
          metric: samples.metric,
          time: samples.time,
          endTime: samples.endTime,
          value: samples.value,
          unit: samples.unit,
          meta: samples.meta,
        })
        .from(samples)
        .where(eq(samples.userId, userId))
        .orderBy(asc(samples.time))
    ).map((row) => ({ ...row, time: row.time.toISOString(), endTime: row.endTime?.toISOString() ?? null }));

  it("stores every column as the records would, and a re-post changes nothing", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, provider: "apple_health", sourceId: "Ana's Watch" };
    const slice = series([1.5, 2, -0, 1e300]);

    expect(await database.db.transaction((tx) => upsertSampleSeries(tx, owner, [slice]))).toEqual({
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const asRecords = sampleRecordsOf(slice).map((record: SampleRecord) => ({
      ...record,
      time: record.time.toISOString(),
      endTime: record.endTime?.toISOString() ?? null,
      value: record.value === 0 ? 0 : record.value,
    }));
    expect(await stored(user.id)).toEqual(asRecords);

    // On Postgres the COPY meets the stored rows and falls back to the upsert within the same transaction.
    expect(await database.db.transaction((tx) => upsertSampleSeries(tx, owner, [slice]))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 4,
      rejected: 0,
    });
    expect(await database.db.transaction((tx) => upsertSampleSeries(tx, owner, [series([1.5, 3, 0, 1e300])]))).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 3,
      rejected: 0,
    });
    expect((await stored(user.id)).map((row) => row.value)).toEqual([1.5, 3, 0, 1e300]);
  });

  it("stores records and columns alike", async () => {
    const [viaRecords, viaSeries] = [await createTestUser(database.db), await createTestUser(database.db)];
    const records = sampleRecordsOf(series([1, 2, 3, 4]));
    await upsertSamples(database.db, { userId: viaRecords.id, provider: "apple_health", sourceId: "" }, records);
    await upsertSampleSeries(database.db, { userId: viaSeries.id, provider: "apple_health", sourceId: "" }, [
      series([1, 2, 3, 4]),
    ]);
    expect(await stored(viaSeries.id)).toEqual(await stored(viaRecords.id));
  });

  it("leaves nothing behind when a slice cannot be stored", async () => {
    const user = await createTestUser(database.db);
    const owner = { userId: user.id, provider: "apple_health", sourceId: "" };
    const broken = { ...series([1, 2, 3, 4]), values: Float64Array.from([1, 2, 3, Infinity]) };
    await expect(database.db.transaction((tx) => upsertSampleSeries(tx, owner, [broken]))).rejects.toThrow(/Infinity/);
    expect(await stored(user.id)).toEqual([]);
  });
});
