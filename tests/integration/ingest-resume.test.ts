import { gzipSync } from "node:zlib";
import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { getIngestReceipt, insertIngestReceipt } from "@/lib/db/queries/ingest-receipts";
import { activities, dailySummaries, samples } from "@/lib/db/schema";
import { ingestBody } from "@/lib/ingest/ingest";
import { resumeUnfinishedReceipts } from "@/lib/ingest/resume-receipts";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { healthAutoExportBody } from "../fixtures/health-auto-export";

const body = () => Buffer.from(JSON.stringify(healthAutoExportBody()));

/** A user's rows without what differs between two users by construction (ids, owner, write times). */
async function rowsOf(db: Database, userId: string) {
  const strip = ({ id, userId, connectionId, createdAt, updatedAt, ...rest }: Record<string, unknown>) => (
    void [id, userId, connectionId, createdAt, updatedAt],
    rest
  );
  return {
    activities: (
      await db.select().from(activities).where(eq(activities.userId, userId)).orderBy(asc(activities.startAt))
    ).map(strip),
    samples: (
      await db.select().from(samples).where(eq(samples.userId, userId)).orderBy(asc(samples.metric), asc(samples.time))
    ).map(strip),
    days: (
      await db
        .select()
        .from(dailySummaries)
        .where(eq(dailySummaries.userId, userId))
        .orderBy(asc(dailySummaries.localDate))
    ).map(strip),
  };
}

/** What a process that died mid-ingest leaves: the kept body, and nothing of its rolled-back transaction. */
async function keepWithoutProcessing(db: Database, userId: string) {
  return insertIngestReceipt(db, {
    userId,
    apiKeyId: null,
    format: "unknown",
    contentType: "application/json",
    bodyBytes: body().length,
    bodyGzip: gzipSync(body()),
  });
}

describeEachDatabase("unfinished pushes", (database) => {
  const db = () => database.db;

  it("processes a push cut off by a crash at the next start, once, with the rows of a normal post", async () => {
    const normal = await createTestUser(db());
    const posted = await ingestBody(db(), {
      userId: normal.id,
      apiKeyId: null,
      contentType: "application/json",
      body: body(),
    });
    const crashed = await createTestUser(db());
    const receipt = await keepWithoutProcessing(db(), crashed.id);
    expect((await rowsOf(db(), crashed.id)).samples).toHaveLength(0);

    expect(await resumeUnfinishedReceipts(db(), { userId: crashed.id })).toEqual({ processed: 1, failed: 0 });
    const resumed = (await getIngestReceipt(db(), { receiptId: receipt.id }))!;
    expect(resumed).toMatchObject({ status: "processed", format: posted.format });
    expect(resumed.counts).toEqual((await getIngestReceipt(db(), { receiptId: posted.receiptId }))!.counts);
    expect(await rowsOf(db(), crashed.id)).toEqual(await rowsOf(db(), normal.id));

    // The next start finds nothing left to do.
    expect(await resumeUnfinishedReceipts(db(), { userId: crashed.id })).toEqual({ processed: 0, failed: 0 });
    expect((await getIngestReceipt(db(), { receiptId: receipt.id }))!.processedAt).toEqual(resumed.processedAt);
  });

  it("runs a receipt once when two processes start at the same time", async () => {
    const user = await createTestUser(db());
    const receipt = await keepWithoutProcessing(db(), user.id);
    const passes = await Promise.all([
      resumeUnfinishedReceipts(db(), { userId: user.id }),
      resumeUnfinishedReceipts(db(), { userId: user.id }),
    ]);
    expect(passes.reduce((sum, pass) => sum + pass.processed, 0)).toBe(1);
    // Counted as new rows: processed by one pass only, not overwritten by a second that found them stored.
    expect((await getIngestReceipt(db(), { receiptId: receipt.id }))!.counts!.activities).toMatchObject({
      inserted: 1,
    });
  });

  it("marks a kept body that cannot be read failed instead of trying it at every start", async () => {
    const user = await createTestUser(db());
    const broken = Buffer.from('{"data": {"metrics": [}');
    const receipt = await insertIngestReceipt(db(), {
      userId: user.id,
      apiKeyId: null,
      format: "unknown",
      contentType: "application/json",
      bodyBytes: broken.length,
      bodyGzip: gzipSync(broken),
    });
    expect(await resumeUnfinishedReceipts(db(), { userId: user.id })).toEqual({ processed: 0, failed: 1 });
    expect((await getIngestReceipt(db(), { receiptId: receipt.id }))!.status).toBe("failed");
    expect(await resumeUnfinishedReceipts(db(), { userId: user.id })).toEqual({ processed: 0, failed: 0 });
  });
});

describeEachDatabase("unfinished pushes and provider push bodies", (database) => {
  it("leaves a provider's kept push body (no user) to its push jobs at start-up", async () => {
    const db = database.db;
    const pushed = Buffer.from(JSON.stringify({ activities: [] }));
    const receipt = await insertIngestReceipt(db, {
      userId: null,
      apiKeyId: null,
      format: "garmin-push",
      contentType: "application/json",
      bodyBytes: pushed.length,
      bodyGzip: gzipSync(pushed),
    });
    await resumeUnfinishedReceipts(db);
    expect((await getIngestReceipt(db, { receiptId: receipt.id }))!.status).toBe("received");
  });
});
