import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { and, asc, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getIngestReceiptBody, RECEIPT_PIECE_BYTES } from "@/lib/db/queries/ingest-receipts";
import { ingestReceipts, samples } from "@/lib/db/schema";
import { ingestBody, reprocessReceipt } from "@/lib/ingest/ingest";
import { receiveBody } from "@/lib/ingest/receive-body";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const minute = (index: number) => `2026-03-02 07:${String(index).padStart(2, "0")}:00 +0100`;
const steps = (values: number[]) => values.map((qty, index) => ({ date: minute(index), qty, source: "iPhone" }));
const body = (points: unknown[]) =>
  Buffer.from(JSON.stringify({ data: { metrics: [{ name: "step_count", units: "count", data: points }] } }));

/** A request whose body arrives in pieces with no Content-Length, as a phone's chunked upload does. */
function chunkedRequest(text: string, pieces: number): Request {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let start = 0; start < bytes.length; start += size) controller.enqueue(bytes.subarray(start, start + size));
      controller.close();
    },
  });
  return new Request("http://qt.test/api/webhooks/ingest", {
    method: "POST",
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describeEachDatabase("ingest, streamed in slices", (database) => {
  const send = (userId: string, buffer: Buffer, samplesPerWrite: number) =>
    ingestBody(database.db, {
      userId,
      apiKeyId: null,
      contentType: "application/json",
      body: buffer,
      options: { samplesPerWrite, bytesPerStep: 16 },
    });
  const storedSteps = async (userId: string) =>
    (
      await database.db
        .select({ value: samples.value })
        .from(samples)
        .where(and(eq(samples.userId, userId), eq(samples.metric, "step_count")))
        .orderBy(asc(samples.time))
    ).map((row) => row.value);

  it("writes a body across many statements and gets the same rows and counts as one write", async () => {
    const sliced = await createTestUser(database.db);
    const whole = await createTestUser(database.db);
    const points = steps([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    const slicedOutcome = await send(sliced.id, body(points), 2);
    const wholeOutcome = await send(whole.id, body(points), 10_000);
    expect(slicedOutcome.counts.samples).toEqual({ inserted: 11, updated: 0, unchanged: 0, rejected: 0 });
    expect(slicedOutcome.counts).toEqual(wholeOutcome.counts);
    expect(await storedSteps(sliced.id)).toEqual(await storedSteps(whole.id));

    const again = await send(sliced.id, body(points), 3);
    expect(again.counts.samples).toEqual({ inserted: 0, updated: 0, unchanged: 11, rejected: 0 });
  });

  it("keeps the first of two points with one key even when they land in different writes", async () => {
    const user = await createTestUser(database.db);
    // The 4th point repeats the 1st minute with another value, two writes later.
    const points = [...steps([10, 20, 30]), { date: minute(0), qty: 99, source: "iPhone" }];
    await send(user.id, body(points), 1);
    expect(await storedSteps(user.id)).toEqual([10, 20, 30]);
    // A retry of the same export changes nothing, in either slicing.
    const retry = await send(user.id, body(points), 1);
    expect(retry.counts.samples).toMatchObject({ inserted: 0, updated: 0 });
    expect(await storedSteps(user.id)).toEqual([10, 20, 30]);
  });

  it("upserts the slices of an overlapping export that meet stored rows, and inserts the rest", async () => {
    const user = await createTestUser(database.db);
    await send(user.id, body(steps([0, 1, 2, 3, 4, 5])), 2);
    // Minutes 3–5 again (one changed), then minutes 6–10 that are new.
    const overlap = steps([0, 1, 2, 3, 40, 5, 6, 7, 8, 9, 10]).slice(3);
    const outcome = await send(user.id, body(overlap), 2);
    expect(outcome.counts.samples).toEqual({ inserted: 5, updated: 1, unchanged: 2, rejected: 0 });
    expect(await storedSteps(user.id)).toEqual([0, 1, 2, 3, 40, 5, 6, 7, 8, 9, 10]);
  });

  it("stores nothing when the JSON breaks after several writes, and names the place", async () => {
    const user = await createTestUser(database.db);
    const text = body(steps([1, 2, 3, 4, 5, 6, 7, 8])).toString();
    const broken = Buffer.from(`${text.slice(0, text.lastIndexOf("{"))}\n  {"date": oops}]}]}}`);
    await expect(send(user.id, broken, 2)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/at position \d+ \(line 2, column 12\)/),
    });
    expect(await storedSteps(user.id)).toEqual([]);
    const [receipt] = await database.db.select().from(ingestReceipts).where(eq(ingestReceipts.userId, user.id));
    expect(receipt).toMatchObject({ status: "failed", error: expect.stringMatching(/line 2/) });
    expect(gunzipSync(receipt!.bodyGzip).equals(broken)).toBe(true);
  });

  it("lists the first thousand rejected points, counts the rest, and still stores the good ones", async () => {
    const user = await createTestUser(database.db);
    const bad = Array.from({ length: 1_200 }, () => ({ date: "06/12/2026 07:00", qty: 1, source: "iPhone" }));
    const outcome = await send(user.id, body([...steps([7]), ...bad]), 100);
    expect(outcome.rejected).toHaveLength(1_000);
    expect(outcome.rejected[999]).toEqual({
      path: "data.metrics[0].data[1000]",
      reason: 'unparseable date "06/12/2026 07:00"',
    });
    expect(outcome.unlistedRejections).toBe(200);
    expect(await storedSteps(user.id)).toEqual([7]);
    const [receipt] = await database.db.select().from(ingestReceipts).where(eq(ingestReceipts.id, outcome.receiptId));
    expect(receipt!.counts!.rejected).toMatchObject({ rejected: 1_200 });
  });

  it("keeps a body whose gzip takes several statements byte for byte, and replays it", async () => {
    const user = await createTestUser(database.db);
    // Random text hardly compresses: its gzip spans about three pieces.
    const noise = randomBytes(Math.round(RECEIPT_PIECE_BYTES * 2.2)).toString("base64");
    const text = Buffer.from(
      JSON.stringify({
        data: { metrics: [{ name: "step_count", units: "count", data: steps([1, 2, 3]) }], ecg: [noise] },
      }),
    );
    const outcome = await ingestBody(database.db, {
      userId: user.id,
      apiKeyId: null,
      contentType: "application/json",
      body: text,
    });
    expect(outcome.counts.samples).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const kept = (await getIngestReceiptBody(database.db, { receiptId: outcome.receiptId }))!;
    expect(kept.length).toBeGreaterThan(2 * RECEIPT_PIECE_BYTES);
    expect(gunzipSync(kept).equals(text)).toBe(true);
    const replay = await reprocessReceipt(database.db, { userId: user.id, receiptId: outcome.receiptId });
    expect(replay.counts.samples).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it("receives a chunked body as gzip and refuses one past the limit without Content-Length", async () => {
    const text = body(steps([1, 2, 3])).toString();
    const received = await receiveBody(chunkedRequest(text, 5), 1024);
    expect(received.bytes).toBe(Buffer.byteLength(text));
    expect(gunzipSync(received.gzip).toString()).toBe(text);
    await expect(receiveBody(chunkedRequest(text, 5), 64)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("passes the automation's aggregation on: with 'days' a single midnight point is a day total", async () => {
    const user = await createTestUser(database.db);
    const day = Buffer.from(
      JSON.stringify({
        data: {
          metrics: [
            {
              name: "step_count",
              units: "count",
              data: [{ date: "2026-05-19 00:00:00 -0700", qty: 9412, source: "iPhone" }],
            },
          ],
        },
      }),
    );
    const without = await ingestBody(database.db, {
      userId: user.id,
      apiKeyId: null,
      contentType: "application/json",
      body: day,
    });
    expect(without.counts.dailySummaries).toBeUndefined();
    const withDays = await ingestBody(database.db, {
      userId: user.id,
      apiKeyId: null,
      contentType: "application/json",
      body: day,
      options: { aggregation: "days" },
    });
    expect(withDays.counts.dailySummaries).toMatchObject({ inserted: 1 });
    const [stored] = await database.db.select({ n: count() }).from(samples).where(eq(samples.userId, user.id));
    expect(stored!.n).toBe(1);
    // A replay reads the kept body the way the request asked.
    const replay = await reprocessReceipt(database.db, { userId: user.id, receiptId: withDays.receiptId });
    expect(replay.counts.dailySummaries).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
  });
});
