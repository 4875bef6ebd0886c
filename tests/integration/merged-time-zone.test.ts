import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findMergedDaily } from "@/lib/db/queries/merged-daily";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { findLatestJobOfKind } from "@/lib/db/queries/sync-jobs";
import { users } from "@/lib/db/schema";
import { ingestBody } from "@/lib/ingest/ingest";
import { executeSyncJob } from "@/lib/jobs/run-job";
import { INLINE_REMERGE_MAX_DAYS } from "@/lib/merge/daily/remerge-sample-days";
import { savePreferences } from "@/lib/preferences";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const DAY = "2026-05-19";
const NEXT_DAY = "2026-05-20";
const hour = (h: number) => `${DAY} ${String(h).padStart(2, "0")}:00:00 +0200`;
// Berlin hours: the Watch 07:00-22:00 (667 an hour, 672 in the last), the phone at 06:00 and 22:00.
const WATCH = Array.from({ length: 15 }, (_, i) => ({ source: "Apple Watch", hour: 7 + i, qty: i === 14 ? 672 : 667 }));
const PHONE = [
  { source: "iPhone", hour: 6, qty: 1000 },
  { source: "iPhone", hour: 22, qty: 1420 },
];
const body = (points: Array<{ source: string; hour: number; qty: number }>) =>
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

describeEachDatabase("merged days after a time-zone change", (database) => {
  const inBerlin = async () => {
    const user = await createTestUser(database.db);
    await database.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, user.id));
    return user;
  };
  const moveTo = (userId: string, timeZone: string) =>
    savePreferences(database.db, { userId, input: { unitSystem: "metric", timeZone } });
  const steps = async (userId: string, start: string, end: string) =>
    (await findMergedDaily(database.db, { userId, metric: "steps", start, end })).map((point) => [
      point.date,
      point.value,
    ]);

  it("merges a few days again at once: the evening's steps move to the next day in Tokyo", async () => {
    const user = await inBerlin();
    await ingestBody(database.db, {
      userId: user.id,
      apiKeyId: null,
      contentType: "application/json",
      body: body([...WATCH, ...PHONE]),
    });
    expect(await steps(user.id, DAY, NEXT_DAY)).toEqual([[DAY, 12_430]]);

    const saved = await moveTo(user.id, "Asia/Tokyo");
    expect(saved).toMatchObject({ ok: true, remerge: "done" });
    // 17:00 in Berlin is midnight in Tokyo: the Watch's 17:00-22:00 and the phone's 22:00 are the next day's.
    expect(await steps(user.id, DAY, NEXT_DAY)).toEqual([
      [DAY, 1000 + 10 * 667],
      [NEXT_DAY, 4 * 667 + 672 + 1420],
    ]);
    const [, next] = await findMergedDaily(database.db, {
      userId: user.id,
      metric: "steps",
      start: DAY,
      end: NEXT_DAY,
    });
    expect(next!.explanation.parts.map((part) => [part.sourceId, part.hours])).toEqual([
      ["Apple Watch", [0, 1, 2, 3, 4]],
      ["iPhone", [5]],
    ]);
    // Back to Berlin: one day again, and the Tokyo-only day is gone.
    await moveTo(user.id, "Europe/Berlin");
    expect(await steps(user.id, DAY, NEXT_DAY)).toEqual([[DAY, 12_430]]);
    // Units alone change no day.
    expect(await moveTo(user.id, "Europe/Berlin")).toMatchObject({ remerge: "none" });
  });

  it("hands a long history to a background job, which merges every day again", async () => {
    const user = await inBerlin();
    const start = Date.parse("2025-01-01T21:30:00Z");
    const days = INLINE_REMERGE_MAX_DAYS + 10;
    // One phone sample a day at 22:30 Berlin time (23:30 in summer): the next day's in Tokyo.
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "apple_health", sourceId: "iPhone" },
      {
        samples: Array.from({ length: days }, (_, index) => ({
          metric: "step_count",
          time: new Date(start + index * 86_400_000),
          value: 100 + index,
          unit: "count",
        })),
      },
    );
    expect(await steps(user.id, "2025-01-01", "2025-01-01")).toEqual([["2025-01-01", 100]]);

    expect(await moveTo(user.id, "Asia/Tokyo")).toMatchObject({ ok: true, remerge: "queued" });
    // The change committed without the merge: the old days stand until the job runs.
    expect(await steps(user.id, "2025-01-01", "2025-01-01")).toEqual([["2025-01-01", 100]]);
    const job = await findLatestJobOfKind(database.db, { userId: user.id, kind: "remerge" });
    expect(job).toMatchObject({ status: "pending", connectionId: null });
    expect(await executeSyncJob(database.db, job!)).toBe("succeeded");

    expect(await steps(user.id, "2025-01-01", "2025-01-02")).toEqual([["2025-01-02", 100]]);
    const all = await findMergedDaily(database.db, {
      userId: user.id,
      metric: "steps",
      start: "2024-12-31",
      end: "2026-12-31",
    });
    expect(all).toHaveLength(days);
    expect(all.at(-1)).toMatchObject({ value: 100 + days - 1 });
    // The Health page's explanations: the newest days only, oldest first like the whole range.
    const newest = await findMergedDaily(database.db, {
      userId: user.id,
      metric: "steps",
      start: "2024-12-31",
      end: "2026-12-31",
      newest: 3,
    });
    expect(newest).toEqual(all.slice(-3));
    expect(await findLatestJobOfKind(database.db, { userId: user.id, kind: "remerge" })).toMatchObject({
      status: "succeeded",
      progressDone: 5,
      progressTotal: 5,
    });
  });
});
