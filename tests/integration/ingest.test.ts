import { gunzipSync } from "node:zlib";
import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, ingestReceipts, samples } from "@/lib/db/schema";
import { ingestBody, reprocessReceipt } from "@/lib/ingest/ingest";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { healthAutoExportBody } from "../fixtures/health-auto-export";

const post = (body: unknown) => Buffer.from(typeof body === "string" ? body : JSON.stringify(body));

describeEachDatabase("ingest", (database) => {
  const countFor = async (table: typeof activities | typeof samples, userId: string) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;
  const send = (userId: string, body: unknown) =>
    ingestBody(database.db, { userId, apiKeyId: null, contentType: "application/json", body: post(body) });

  it("stores a Health Auto Export body, keeps the receipt, and writes nothing new on a re-post", async () => {
    const user = await createTestUser(database.db);
    const first = await send(user.id, healthAutoExportBody());
    expect(first.format).toBe("health-auto-export");
    expect(first.counts.activities).toMatchObject({ inserted: 1 });
    expect(first.counts.samples!.inserted).toBeGreaterThanOrEqual(3);
    const again = await send(user.id, healthAutoExportBody());
    expect(again.counts.activities).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(again.counts.samples).toMatchObject({ inserted: 0, updated: 0 });

    const [receipt] = await database.db
      .select()
      .from(ingestReceipts)
      .where(and(eq(ingestReceipts.id, first.receiptId)));
    expect(receipt).toMatchObject({ status: "processed", format: "health-auto-export" });
    expect(JSON.parse(gunzipSync(receipt!.bodyGzip).toString())).toEqual(healthAutoExportBody());
  });

  it("replays a kept receipt without duplicating anything", async () => {
    const user = await createTestUser(database.db);
    const { receiptId } = await send(user.id, healthAutoExportBody());
    const before = await countFor(samples, user.id);
    const replay = await reprocessReceipt(database.db, { userId: user.id, receiptId });
    expect(replay.counts.samples).toMatchObject({ inserted: 0 });
    expect(await countFor(samples, user.id)).toBe(before);
  });

  it("refuses malformed JSON naming the position, keeps the receipt as failed, and stores nothing", async () => {
    const user = await createTestUser(database.db);
    await expect(send(user.id, '{"data": {"metrics": [}')).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/position|column/),
    });
    const receipts = await database.db.select().from(ingestReceipts).where(eq(ingestReceipts.userId, user.id));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.status).toBe("failed");
    expect(await countFor(samples, user.id)).toBe(0);
  });

  it("answers an empty export with zero counts", async () => {
    const user = await createTestUser(database.db);
    const outcome = await send(user.id, { data: { metrics: [], workouts: [] } });
    expect(outcome.rejected).toEqual([]);
    expect(Object.values(outcome.counts).every((counts) => counts.inserted === 0)).toBe(true);
  });

  it("turns two overlapping exports posted at once into one set of rows", async () => {
    const user = await createTestUser(database.db);
    await Promise.all([send(user.id, healthAutoExportBody()), send(user.id, healthAutoExportBody())]);
    expect(await countFor(activities, user.id)).toBe(1);
    const single = await createTestUser(database.db);
    await send(single.id, healthAutoExportBody());
    expect(await countFor(samples, user.id)).toBe(await countFor(samples, single.id));
  });

  it("keeps one user's export out of another's rows", async () => {
    const alice = await createTestUser(database.db);
    const bob = await createTestUser(database.db);
    await send(alice.id, healthAutoExportBody());
    await send(bob.id, healthAutoExportBody());
    expect(await countFor(activities, alice.id)).toBe(1);
    expect(await countFor(activities, bob.id)).toBe(1);
    const [aliceRun] = await database.db.select().from(activities).where(eq(activities.userId, alice.id));
    expect(aliceRun!.userId).toBe(alice.id);
  });
});
