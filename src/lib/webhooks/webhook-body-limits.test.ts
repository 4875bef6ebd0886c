import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { dailySummaries, ingestReceipts, syncJobs } from "@/lib/db/schema";
import { garminNotification } from "@/sandbox/garmin/sandbox-data";
import { GARMIN_SUMMARY_TYPES } from "@/sandbox/garmin/sandbox-summaries";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, runQueuedJobs } from "@tests/sync-driver";
import { setUpWebhookRoute } from "@tests/webhook-server";
import { handleProviderWebhook } from "./handle-webhook";
import { DEFAULT_WEBHOOK_BODY_BYTES } from "./types";

// /api/webhooks/<slug> reads a body only once it knows the provider, and never past that
// provider's limit: signed JSON events are small, Garmin's push bodies are large and kept.

setUpSandboxServer({ resetEachTest: false });

const ORIGIN = "http://qt.test";
const CHUNK = Buffer.alloc(64 * 1024, "x");

/** A body of `totalBytes` that is produced only as it is read, counting how much was. */
function lazyBody(totalBytes: number) {
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= totalBytes) return controller.close();
        read.bytes += CHUNK.length;
        controller.enqueue(new Uint8Array(CHUNK));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

const postRequest = (slug: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/webhooks/${slug}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

/** A body sent in 64 KB chunks with no Content-Length, as a streaming client sends it. */
const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = Buffer.from(text);
      for (let start = 0; start < bytes.length; start += CHUNK.length)
        controller.enqueue(new Uint8Array(bytes.subarray(start, start + CHUNK.length)));
      controller.close();
    },
  });

describeEachDatabase("Webhook bodies", (database) => {
  const app = setUpWebhookRoute(database);

  it("answers an unknown slug 404 without reading the body", async () => {
    const { stream, read } = lazyBody(400 * 1024 * 1024);
    const response = await handleProviderWebhook(
      database.db,
      "no-such-provider",
      postRequest("no-such-provider", stream),
      ORIGIN,
    );
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
    expect(read.bytes).toBe(0);

    const overHttp = await fetch(`${app.url}/api/webhooks/no-such-provider`, {
      method: "POST",
      body: "x".repeat(3 * 1024 * 1024),
    });
    expect(overHttp.status).toBe(404);
  });

  it("refuses a signed provider's body past its limit with 413, reading no further", async () => {
    const { stream, read } = lazyBody(400 * 1024 * 1024);
    const response = await handleProviderWebhook(database.db, "oura", postRequest("oura", stream), ORIGIN);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringContaining("1 MB"),
    });
    expect(read.bytes).toBeLessThanOrEqual(DEFAULT_WEBHOOK_BODY_BYTES + 2 * CHUNK.length);

    // Declared too large: refused before a byte is read.
    const declared = lazyBody(400 * 1024 * 1024);
    expect(
      (
        await handleProviderWebhook(
          database.db,
          "oura",
          postRequest("oura", declared.stream, { "content-length": String(400 * 1024 * 1024) }),
          ORIGIN,
        )
      ).status,
    ).toBe(413);
    expect(declared.read.bytes).toBe(0);

    const overHttp = await fetch(`${app.url}/api/webhooks/oura`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunked(`{"pad":"${"x".repeat(2 * 1024 * 1024)}"}`),
      duplex: "half",
    } as RequestInit);
    expect(overHttp.status).toBe(413);
  });

  it("reads a signed provider's body under its limit as before", async () => {
    const response = await fetch(`${app.url}/api/webhooks/oura`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunked(`{"pad":"${"x".repeat(900 * 1024)}"}`),
      duplex: "half",
    } as RequestInit);
    // Past the size check, the signature is what fails.
    expect(response.status).toBe(401);
  });

  it("accepts a Garmin push of several MB, five times a signed event's limit, and writes it in a job", async () => {
    const account = `large-push-${Date.now()}`;
    const { user, connection } = await connectSandboxAccount(database.db, "garmin", account);
    // A backfill's worth merged into one body: about 5 MB.
    const days = 400;
    const push = garminNotification(account, "push", {
      summaryTypes: GARMIN_SUMMARY_TYPES,
      windowSeconds: days * 86_400,
    });
    expect(push.body.length).toBeGreaterThan(5 * DEFAULT_WEBHOOK_BODY_BYTES);

    const response = await fetch(`${app.url}/api/webhooks/garmin`, {
      method: "POST",
      headers: push.headers,
      body: chunked(push.body),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ queued: 1 });
    const [job] = await database.db
      .select()
      .from(syncJobs)
      .where(eq(syncJobs.connectionId, connection.id))
      .then((jobs) => jobs.filter((each) => each.kind === "push"));
    const [receipt] = await database.db
      .select()
      .from(ingestReceipts)
      .where(eq(ingestReceipts.id, job!.payload.receiptId as string));
    expect(receipt!.bodyBytes).toBe(Buffer.byteLength(push.body));
    expect(receipt!.bodyGzip.length).toBeLessThan(receipt!.bodyBytes / 2);

    const ran = await runQueuedJobs(database.db, connection);
    expect(ran.find((each) => each.id === job!.id)).toMatchObject({ status: "succeeded" });
    const dailies = (JSON.parse(push.body) as { dailies: Array<{ calendarDate: string; steps: number }> }).dailies;
    expect(dailies.length).toBeGreaterThan(350);
    const stepsByDate = new Map(
      (await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id))).map((row) => [
        row.localDate,
        row.steps,
      ]),
    );
    expect(dailies.filter((daily) => stepsByDate.get(daily.calendarDate) !== daily.steps)).toEqual([]);
  });

  it("refuses a Garmin body declared past Garmin's limit before reading it", async () => {
    const { stream, read } = lazyBody(1024 * 1024 * 1024);
    const headers = { ...garminNotification("anyone", "push").headers, "content-length": String(1024 * 1024 * 1024) };
    expect(
      (await handleProviderWebhook(database.db, "garmin", postRequest("garmin", stream, headers), ORIGIN)).status,
    ).toBe(413);
    expect(read.bytes).toBe(0);
  });
});
