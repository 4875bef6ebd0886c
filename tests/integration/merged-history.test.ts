import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findWeighInCopies, findWeighInCopiesBetween } from "@/lib/db/queries/merged-copies";
import { findMergedDaily, remergeDays, savePersonalOrder } from "@/lib/db/queries/merged-daily";
import { findSleepSeries } from "@/lib/db/queries/health-series";
import { findMergedDailySeries, findMergedTotals, findSleepCopySources } from "@/lib/db/queries/merged-series";
import { queryMetric } from "@/lib/db/queries/metrics";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { findWeightRecords } from "@/lib/db/queries/weigh-ins";
import { bodyMeasurements, users } from "@/lib/db/schema";
import { ingestBody } from "@/lib/ingest/ingest";
import { explainCopies, explainDailyMerge } from "@/lib/merge/daily/explain";
import { labelSource } from "@/lib/merge/daily/source-label";
import { listSourceOrders, moveSource, moveSourceSchema } from "@/lib/merge/daily/source-order";
import { loadWeightSection } from "@/app/dashboard/health/weight/load-weight-section";
import { readSleepPage } from "@/lib/api-v1/read/sleep";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const DAY = "2026-05-19";
const hour = (h: number) => `${DAY} ${String(h).padStart(2, "0")}:00:00 +0200`;
// A Health Auto Export body aggregated by hour: one step_count point per hour and source.
const hourlySteps = (points: Array<{ source: string; hour: number; qty: number }>) =>
  Buffer.from(
    JSON.stringify({
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: points.map((point) => ({ date: hour(point.hour), qty: point.qty, source: point.source })),
          },
        ],
      },
    }),
  );
// The Watch was worn 07:00-22:00 (15 hours, 10,010 steps); the phone counted 1,000 steps at
// 06:00, 1,420 at 22:00, and 500 an hour in the pocket while the Watch counted too.
const WATCH = Array.from({ length: 15 }, (_, i) => ({ source: "Apple Watch", hour: 7 + i, qty: i === 14 ? 672 : 667 }));
const PHONE = [
  { source: "iPhone", hour: 6, qty: 1000 },
  ...Array.from({ length: 13 }, (_, i) => ({ source: "iPhone", hour: 8 + i, qty: 500 })),
  { source: "iPhone", hour: 22, qty: 1420 },
];
const owner = (userId: string, provider: string, sourceId = "") => ({ userId, connectionId: null, provider, sourceId });

describeEachDatabase("merged history", (database) => {
  const berliner = async () => {
    const user = await createTestUser(database.db);
    await database.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, user.id));
    return user;
  };
  const send = (userId: string, body: Buffer) =>
    ingestBody(database.db, { userId, apiKeyId: null, contentType: "application/json", body });
  const mergedSteps = async (userId: string) => {
    const [point] = await findMergedDaily(database.db, { userId, metric: "steps", start: DAY, end: DAY });
    return point!;
  };

  it("fills the hours the Watch was off with the phone's steps, counting none twice, and says so", async () => {
    const user = await berliner();
    await send(user.id, hourlySteps([...WATCH, ...PHONE]));
    const point = await mergedSteps(user.id);
    expect(point.value).toBe(12_430);
    expect(point).toMatchObject({ provider: "apple_health", sourceId: "Apple Watch" });
    expect(explainDailyMerge("steps", point.value, point.explanation, labelSource)).toBe(
      "Steps 12,430 = Apple Watch 10,010 (07:00-22:00) + iPhone 2,420 (hours the Apple Watch was off)",
    );
    // The API's default answer is the merged day; one source on request is that source's samples.
    const merged = await queryMetric(database.db, {
      userId: user.id,
      metric: "steps",
      start: DAY,
      end: DAY,
      isMerged: true,
    });
    expect(merged).toMatchObject({ isMerged: true, points: [{ at: DAY, value: 12_430 }] });
    // The Health page's totals are the merged days': 12,430, not the 10,010 + 9,920 the two sources say.
    await upsertRecordBatch(database.db, owner(user.id, "garmin", "g-1"), {
      dailySummaries: [{ localDate: DAY, distanceM: 9_100 }],
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "iPhone"), {
      dailySummaries: [{ localDate: DAY, distanceM: 8_700 }],
    });
    expect(await findMergedTotals(database.db, { userId: user.id, start: DAY, end: DAY })).toEqual({
      steps: { total: 12_430, days: 1 },
      distance: { total: 9_100, days: 1 },
    });
  });

  it("turns an hourly phone export into the day's total, and a second export merges the day again", async () => {
    const user = await berliner();
    await send(user.id, hourlySteps(PHONE.slice(0, 5)));
    expect((await mergedSteps(user.id)).value).toBe(1000 + 4 * 500);
    // The Watch's hours arrive in a later export: the same day is merged again, not added to.
    await send(user.id, hourlySteps(WATCH));
    await send(user.id, hourlySteps(WATCH));
    const point = await mergedSteps(user.id);
    expect(point.value).toBe(10_010 + 1000);
    expect(point.explanation.parts.map((part) => [part.sourceId, part.value, part.hours])).toEqual([
      ["Apple Watch", 10_010, WATCH.map((entry) => entry.hour)],
      ["iPhone", 1000, [6]],
    ]);
    // The Health page's merged line reads the same total.
    const series = await findMergedDailySeries(database.db, { userId: user.id, start: DAY, end: DAY, bucket: "day" });
    expect(series).toMatchObject([{ provider: "merged", date: DAY, steps: 11_010, days: 1 }]);
  });

  it("takes the first source's daily total where only totals exist, keeps the others for comparison, and follows the person's order across re-syncs", async () => {
    const user = await berliner();
    const garmin = { dailySummaries: [{ localDate: DAY, steps: 11_900, restingHeartRateBpm: 52 }] };
    await upsertRecordBatch(database.db, owner(user.id, "garmin", "g-1"), garmin);
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "iPhone"), {
      dailySummaries: [{ localDate: DAY, steps: 9_000 }],
    });
    let point = await mergedSteps(user.id);
    expect(explainDailyMerge("steps", point.value, point.explanation, labelSource)).toBe(
      "Steps 11,900 = Garmin 11,900 (first in the order of sources); not counted: iPhone 9,000",
    );

    await savePersonalOrder(database.db, {
      userId: user.id,
      metric: "steps",
      sources: [{ provider: "apple_health", sourceId: "iPhone" }],
    });
    await remergeDays(database.db, { userId: user.id, days: [DAY] });
    expect((await mergedSteps(user.id)).value).toBe(9_000);
    // Garmin syncs the day again: the person's order still decides.
    await upsertRecordBatch(database.db, owner(user.id, "garmin", "g-1"), {
      dailySummaries: [{ localDate: DAY, steps: 12_000 }],
    });
    point = await mergedSteps(user.id);
    expect(point.value).toBe(9_000);
    expect(point.explanation.others).toEqual([{ provider: "garmin", sourceId: "g-1", value: 12_000 }]);
  });

  it("makes two sources' overlapping sleep one night with a primary", async () => {
    const user = await berliner();
    const night = (externalId: string, start: string, end: string, asleepS: number) => ({
      externalId,
      startAt: new Date(start),
      endAt: new Date(end),
      localDate: DAY,
      asleepS,
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "iPhone"), {
      sleepSessions: [night("phone-night", "2026-05-18T21:10:00Z", "2026-05-19T05:00:00Z", 26_000)],
    });
    await upsertRecordBatch(database.db, owner(user.id, "oura", "o-1"), {
      sleepSessions: [
        night("oura-night", "2026-05-18T21:00:00Z", "2026-05-19T05:10:00Z", 25_200),
        // An afternoon nap nobody else recorded stays a night of its own.
        night("oura-nap", "2026-05-19T12:00:00Z", "2026-05-19T12:40:00Z", 2_100),
      ],
    });
    const all = await queryMetric(database.db, { userId: user.id, metric: "sleep_duration", start: DAY, end: DAY });
    expect(all.points).toHaveLength(3);
    const merged = await queryMetric(database.db, {
      userId: user.id,
      metric: "sleep_duration",
      start: DAY,
      end: DAY,
      isMerged: true,
    });
    expect(merged.points.map((point) => [point.provider, point.value, point.copies])).toEqual([
      ["oura", 25_200, [{ provider: "apple_health", sourceId: "iPhone", value: 26_000 }]],
      ["oura", 2_100, []],
    ]);
    expect(explainCopies("sleep", merged.points[0]!, merged.points[0]!.copies!, labelSource)).toBe(
      "Sleep: Oura's night counts; the same night from iPhone is kept as a copy, not counted",
    );
    // The read API lists the night once; where the counted source is withheld (from AI tools), its copy stands in.
    const query = { from: DAY, to: DAY, limit: 10 };
    const listed = await readSleepPage(database.db, { userId: user.id, query });
    // Both on one date, so in id order: compared as a set.
    expect(listed.data.map((night) => [night.source, night.asleepS]).sort()).toEqual([
      ["oura", 2_100],
      ["oura", 25_200],
    ]);
    const withheld = await readSleepPage(database.db, { userId: user.id, query, excludedSources: ["oura"] });
    expect(withheld.data.map((night) => [night.source, night.asleepS])).toEqual([["apple_health", 26_000]]);
  });

  it("gives the Health page one night and one weigh-in, with the sources that also recorded them", async () => {
    const user = await berliner();
    const night = (externalId: string, start: string, end: string, asleepS: number) => ({
      externalId,
      startAt: new Date(start),
      endAt: new Date(end),
      localDate: DAY,
      asleepS,
    });
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "iPhone"), {
      sleepSessions: [night("phone-night", "2026-05-18T21:10:00Z", "2026-05-19T05:00:00Z", 26_000)],
      bodyMeasurements: [{ measuredAt: new Date("2026-05-19T05:30:00Z"), weightKg: 72.43 }],
    });
    await upsertRecordBatch(database.db, owner(user.id, "oura", "o-1"), {
      sleepSessions: [night("oura-night", "2026-05-18T21:00:00Z", "2026-05-19T05:10:00Z", 25_200)],
    });
    await upsertRecordBatch(database.db, owner(user.id, "garmin", "g-1"), {
      bodyMeasurements: [{ measuredAt: new Date("2026-05-19T05:31:00Z"), weightKg: 72.4 }],
    });
    const range = { userId: user.id, start: DAY, end: DAY, bucket: "day" as const };
    // Each source: both nights; one history: Oura's night alone, the iPhone's named beside it.
    expect(await findSleepSeries(database.db, range)).toHaveLength(2);
    expect(await findSleepSeries(database.db, { ...range, isMerged: true })).toMatchObject([
      { provider: "merged", date: DAY, asleepS: 25_200, nights: 1 },
    ]);
    expect(await findSleepCopySources(database.db, range)).toEqual([
      { date: DAY, provider: "apple_health", sourceId: "iPhone", nights: 1 },
    ]);
    const weight = (isMerged: boolean) =>
      loadWeightSection(database.db, { userId: user.id, timeZone: "Europe/Berlin", start: DAY, end: DAY, isMerged });
    expect((await weight(false)).records).toHaveLength(2);
    const merged = await weight(true);
    expect(merged.records.map((record) => [record.source, record.weightKg])).toEqual([["garmin", 72.4]]);
    expect(merged.copies.get(merged.records[0]!.id)).toMatchObject([{ provider: "apple_health", sourceId: "iPhone" }]);
  });

  it("counts the same weigh-in reported by two services once", async () => {
    const user = await berliner();
    await upsertRecordBatch(database.db, owner(user.id, "apple_health", "Withings"), {
      bodyMeasurements: [
        { measuredAt: new Date("2026-05-19T05:30:00Z"), weightKg: 72.43 },
        { measuredAt: new Date("2026-05-20T05:30:00Z"), weightKg: 72.1 },
      ],
    });
    await upsertRecordBatch(database.db, owner(user.id, "garmin", "g-1"), {
      bodyMeasurements: [
        // The same step on the scale, a minute later and rounded: a copy.
        { measuredAt: new Date("2026-05-19T05:31:00Z"), weightKg: 72.4 },
        // Ten minutes later: a weigh-in of its own.
        { measuredAt: new Date("2026-05-19T05:40:00Z"), weightKg: 72.4 },
      ],
    });
    const range = { userId: user.id, start: DAY, end: "2026-05-20", timeZone: "Europe/Berlin" };
    expect(await findWeightRecords(database.db, range)).toHaveLength(4);
    const merged = await findWeightRecords(database.db, { ...range, isMerged: true });
    expect(merged.map((record) => [record.source, record.weightKg])).toEqual([
      ["garmin", 72.4],
      ["garmin", 72.4],
      ["apple_health", 72.1],
    ]);
    const copies = await findWeighInCopies(database.db, { userId: user.id, primaryIds: [merged[0]!.id] });
    const [copy] = copies.get(merged[0]!.id)!;
    // The Health page reads the copies of the range's weigh-ins alongside them: the same list.
    expect(await findWeighInCopiesBetween(database.db, range)).toEqual(copies);
    expect(await findWeighInCopiesBetween(database.db, { ...range, start: "2026-05-20" })).toEqual(new Map());
    expect(copy).toMatchObject({ provider: "apple_health", sourceId: "Withings", weightKg: 72.43 });
    expect(explainCopies("weight", { provider: "garmin", sourceId: "g-1" }, [copy!], labelSource)).toBe(
      "Weight: Garmin's weigh-in counts; the same weigh-in from Withings is kept as a copy, not counted",
    );
    // Deleting the primary takes its copy links with it: the copy counts again.
    await database.db
      .delete(bodyMeasurements)
      .where(and(eq(bodyMeasurements.userId, user.id), eq(bodyMeasurements.id, merged[0]!.id)));
    expect(await findWeightRecords(database.db, { ...range, isMerged: true })).toHaveLength(3);
  });

  it("moves a source up in Settings -> Sources and merges the metric's history again", async () => {
    const user = await berliner();
    await send(user.id, hourlySteps([...WATCH, ...PHONE]));
    const before = (await listSourceOrders(database.db, { userId: user.id })).find((order) => order.metric === "steps");
    expect(before).toMatchObject({
      isPersonal: false,
      sources: [
        { sourceId: "Apple Watch", kind: "worn" },
        { sourceId: "iPhone", kind: "phone" },
      ],
    });
    const move = moveSourceSchema.parse({
      metric: "steps",
      provider: "apple_health",
      sourceId: "iPhone",
      direction: "up",
    });
    await moveSource(database.db, { userId: user.id, move });
    // The phone first: every hour it has steps in is the phone's, the Watch fills the rest.
    const point = await mergedSteps(user.id);
    expect(point.value).toBe(1000 + 13 * 500 + 1420 + 667 + 672);
    expect(explainDailyMerge("steps", point.value, point.explanation, labelSource)).toBe(
      "Steps 10,259 = iPhone 8,920 (06:00-07:00, 08:00-21:00, 22:00-23:00) + Apple Watch 1,339 (hours the iPhone was off)",
    );
    expect(
      moveSourceSchema.safeParse({ metric: "mood", provider: "x", sourceId: "", direction: "up" }).error?.issues[0]
        ?.path,
    ).toEqual(["metric"]);
  });
});
