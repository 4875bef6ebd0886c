import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { findActivityForUser } from "@/lib/db/queries/activity-detail";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { activities, activityFiles } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { handleFileUpload } from "@/lib/files/upload/handle-upload";
import type { FileUploadResult, UploadReply } from "@/lib/files/upload/types";
import type { ActivityRecord } from "@/lib/sync/records";
import { createBrowser, serveAuth } from "../auth-server";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import {
  buildFitActivity,
  buildGpx,
  buildTcx,
  type ActivityFileOptions,
  type GpxOptions,
  type TcxOptions,
} from "../fixtures/activity-files";
import { multipartBody, multipartEnd, multipartPart, type MultipartPart } from "../fixtures/multipart";
import { serveWebhooks } from "../webhook-server";

const PASSWORD = "intervals on the track";
const MINUTE = 60_000;
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
/** A start of its own for each test, so no test's activities fall within another's tolerance. */
let nextStart = Date.parse("2025-05-01T06:00:00Z");
const freshStart = () => new Date((nextStart += 6 * 60 * MINUTE));

describeEachDatabase("POST /api/files", (database) => {
  let storeRoot: string;
  let store: DiskFileStore;
  let server: Awaited<ReturnType<typeof serveWebhooks>>;
  let auth: Awaited<ReturnType<typeof serveAuth>>;

  beforeAll(async () => {
    storeRoot = await fs.mkdtemp(path.join(os.tmpdir(), "qt-upload-"));
    store = new DiskFileStore(path.join(storeRoot, "files"));
    server = await serveWebhooks((_path, request) => handleFileUpload(database.db, store, request));
    auth = await serveAuth(database.db);
  });
  afterAll(async () => {
    await server?.close();
    await auth?.close();
    await fs.rm(storeRoot, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function newUploader() {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "uploads", scopes: ["ingest"] });
    return { user, headers: { "x-api-key": key } };
  }

  async function send(body: BodyInit, headers: Record<string, string>) {
    const response = await fetch(`${server.url}/api/files`, {
      method: "POST",
      headers,
      body,
      duplex: "half",
    } as RequestInit);
    return { status: response.status, json: (await response.json()) as UploadReply & { error?: ErrorBody } };
  }

  function upload(parts: MultipartPart[], headers: Record<string, string>) {
    const { body, contentType } = multipartBody(parts);
    return send(new Uint8Array(body), { ...headers, "content-type": contentType });
  }

  // Twenty minutes, a point every 5 s (FIT) or 10 s (GPX, TCX): small files, quick tests.
  const fit = (start: Date, options: ActivityFileOptions = {}) =>
    buildFitActivity({ seconds: 1200, intervalS: 5, ...options, start });
  const gpxRide = (start: Date, options: GpxOptions = {}) =>
    buildGpx({ seconds: 1200, intervalS: 10, sport: "cycling", type: "cycling", ...options, start });
  const tcxRide = (start: Date, options: TcxOptions = {}) =>
    buildTcx({ seconds: 1200, intervalS: 10, sport: "cycling", ...options, start });

  const activitiesOf = (userId: string) =>
    database.db.select().from(activities).where(eq(activities.userId, userId)).orderBy(activities.startAt);
  const filesOf = (userId: string) => database.db.select().from(activityFiles).where(eq(activityFiles.userId, userId));

  /** An activity as a provider sync writes it. */
  async function syncedActivity(userId: string, record: Partial<ActivityRecord> & Pick<ActivityRecord, "startAt">) {
    const externalId = randomUUID();
    await upsertRecordBatch(
      database.db,
      { userId, connectionId: null, provider: "strava", sourceId: "" },
      { activities: [{ externalId, type: "run", name: "Morning Run", ...record }] },
    );
    return (await activitiesOf(userId)).find((activity) => activity.externalId === externalId)!;
  }

  it("makes a new activity from a FIT file, keeps the file under its hash and links the two", async () => {
    const { user, headers } = await newUploader();
    const start = freshStart();
    const bytes = fit(start);
    const { status, json } = await upload([{ fileName: "Morning Run.fit", content: bytes }], headers);

    expect(status).toBe(200);
    expect(json.summary).toEqual({ created: 1, duplicate: 0, already_uploaded: 0, failed: 0 });
    const [result] = json.files;
    expect(result).toMatchObject({
      fileName: "Morning Run.fit",
      status: "created",
      activity: { provider: "upload", source: "Uploaded file", type: "run", startAt: start.toISOString() },
      file: { format: "fit", sizeBytes: bytes.byteLength, sha256: sha256(bytes) },
      warnings: [],
    });

    const [activity] = await activitiesOf(user.id);
    expect(activity).toMatchObject({
      id: created(result).activity.id,
      provider: "upload",
      externalId: sha256(bytes),
      connectionId: null,
      type: "run",
      name: "Morning Run",
    });
    expect(activity!.durationS).toBeCloseTo(1200, 0);
    expect(activity!.distanceM).toBeGreaterThan(3000);
    expect(activity!.avgHeartRateBpm).toBeGreaterThan(100);
    expect(activity!.polyline).toBeTruthy();

    const [file] = await filesOf(user.id);
    expect(file).toMatchObject({
      activityId: activity!.id,
      origin: "upload",
      source: "upload",
      format: "fit",
      contentHash: sha256(bytes),
      fileName: "Morning Run.fit",
    });
    expect(await store.size(user.id, sha256(bytes))).toBe(bytes.byteLength);
  });

  it("answers the same file sent again as already uploaded, with no second activity", async () => {
    const { user, headers } = await newUploader();
    const bytes = fit(freshStart());
    const first = await upload([{ fileName: "run.fit", content: bytes }], headers);
    const again = await upload([{ fileName: "a new name.fit", content: bytes }], headers);
    const gzipped = await upload([{ fileName: "run.fit.gz", content: gzipSync(bytes) }], headers);

    expect(again.status).toBe(200);
    expect(again.json.files[0]).toMatchObject({
      status: "already_uploaded",
      activity: { id: created(first.json.files[0]).activity.id },
    });
    // The same recording gzipped is the same file once unpacked.
    expect(gzipped.json.files[0]).toMatchObject({ status: "already_uploaded", file: { sha256: sha256(bytes) } });
    expect(await activitiesOf(user.id)).toHaveLength(1);
    expect(await filesOf(user.id)).toHaveLength(1);
  });

  it("links a file to the synced activity it duplicates (same sport family, start within two minutes)", async () => {
    const { user, headers } = await newUploader();
    const start = freshStart();
    const strava = await syncedActivity(user.id, { type: "trail_run", startAt: new Date(start.getTime() + 90_000) });
    const bytes = fit(start);

    const { json } = await upload([{ fileName: "from-my-watch.fit", content: bytes }], headers);

    expect(json.files[0]).toMatchObject({
      status: "duplicate",
      activity: { id: strava.id, provider: "strava", source: "Strava", type: "trail_run" },
    });
    expect(await activitiesOf(user.id)).toHaveLength(1);
    const [file] = await filesOf(user.id);
    expect(file).toMatchObject({ activityId: strava.id, origin: "upload", contentHash: sha256(bytes) });
  });

  it("makes a new activity for a different sport at the same time, or the same sport three minutes away", async () => {
    const { user, headers } = await newUploader();
    const start = freshStart();
    await syncedActivity(user.id, { type: "ride", startAt: start });
    await syncedActivity(user.id, { type: "run", startAt: new Date(start.getTime() + 3 * MINUTE) });

    const { json } = await upload([{ fileName: "run.fit", content: fit(start) }], headers);

    expect(json.files[0]).toMatchObject({ status: "created", activity: { provider: "upload", type: "run" } });
    expect(await activitiesOf(user.id)).toHaveLength(3);
  });

  it("reads GPX and TCX, and links a TCX of a ride already uploaded as GPX to that activity", async () => {
    const { user, headers } = await newUploader();
    const start = freshStart();
    const gpx = gpxRide(start, { name: "Havel loop" });
    const tcx = tcxRide(new Date(start.getTime() + 20_000));

    const { json } = await upload(
      [
        { fileName: "havel.gpx", content: gpx, contentType: "application/gpx+xml" },
        { fileName: "havel.tcx", content: tcx },
      ],
      headers,
    );

    expect(json.files.map((file) => file.status)).toEqual(["created", "duplicate"]);
    const ride = created(json.files[0]);
    expect(ride.activity).toMatchObject({ type: "ride", name: "Havel loop", provider: "upload" });
    expect(ride.file.format).toBe("gpx");
    expect(json.files[1]).toMatchObject({ activity: { id: ride.activity.id }, file: { format: "tcx" } });
    expect(await activitiesOf(user.id)).toHaveLength(1);
    expect((await filesOf(user.id)).map((file) => file.activityId)).toEqual([ride.activity.id, ride.activity.id]);
  });

  it("reports a file that is no activity file as 415 beside the good ones, which are kept", async () => {
    const { user, headers } = await newUploader();
    const { status, json } = await upload(
      [
        { fileName: "ride.gpx", content: gpxRide(freshStart()) },
        { fileName: "notes.txt", content: "remember the bottles", contentType: "text/plain" },
        { fileName: "run.fit", content: fit(freshStart()) },
      ],
      headers,
    );

    expect(status).toBe(200);
    expect(json.summary).toEqual({ created: 2, duplicate: 0, already_uploaded: 0, failed: 1 });
    expect(json.files[1]).toEqual({
      fileName: "notes.txt",
      status: "failed",
      error: { code: "UNSUPPORTED_MEDIA_TYPE", status: 415, message: "notes.txt is not a FIT, GPX or TCX file." },
    });
    expect(await activitiesOf(user.id)).toHaveLength(2);
    expect(await filesOf(user.id)).toHaveLength(2);
  });

  it("reports an unreadable file with the parser's reason and keeps nothing of it", async () => {
    const { user, headers } = await newUploader();
    // A FIT header (".FIT" at bytes 8-11) over bytes that are no FIT messages.
    const garbage = Buffer.concat([Buffer.from([14, 0x20, 0, 0, 0, 0, 0, 0]), Buffer.from(".FIT"), randomBytes(300)]);
    const { json } = await upload([{ fileName: "broken.fit", content: garbage }], headers);

    expect(json.files[0]).toMatchObject({ status: "failed", error: { code: "INVALID_INPUT", status: 400 } });
    expect((json.files[0] as Failed).error.message.length).toBeGreaterThan(10);
    expect(await activitiesOf(user.id)).toHaveLength(0);
    expect(await filesOf(user.id)).toHaveLength(0);
    expect(await store.size(user.id, sha256(garbage))).toBeNull();
  });

  it("keeps what a truncated FIT still holds, with the damage in its warnings", async () => {
    const { user, headers } = await newUploader();
    const whole = fit(freshStart());
    const truncated = whole.subarray(0, Math.floor(whole.byteLength * 0.7));
    const { json } = await upload([{ fileName: "cut-short.fit", content: truncated }], headers);

    // The cut took the session message, and the sport with it; the records before it remain.
    expect(json.files[0]).toMatchObject({ status: "created", activity: { provider: "upload" } });
    expect(created(json.files[0]).warnings.length).toBeGreaterThan(0);
    expect(await store.size(user.id, sha256(truncated))).toBe(truncated.byteLength);
  });

  it("refuses an activity the plausibility checks reject, naming why, and keeps nothing", async () => {
    const { user, headers } = await newUploader();
    const { json } = await upload(
      [{ fileName: "time-machine.gpx", content: gpxRide(new Date("2099-06-01T08:00:00Z")) }],
      headers,
    );
    expect(json.files[0]).toMatchObject({
      status: "failed",
      error: { status: 400, message: expect.stringContaining("after tomorrow") },
    });
    expect(await filesOf(user.id)).toHaveLength(0);
  });

  it("refuses a file past QT_FILE_MAX_MB with 413 naming the limit and the file, and keeps the others", async () => {
    vi.stubEnv("QT_FILE_MAX_MB", "1");
    const { user, headers } = await newUploader();
    const huge = gpxRide(freshStart()).replace("<trk>", `<!-- ${"x".repeat(1_100_000)} --><trk>`);
    const { status, json } = await upload(
      [
        { fileName: "huge.gpx", content: huge },
        { fileName: "small.gpx", content: gpxRide(freshStart()) },
      ],
      headers,
    );

    expect(status).toBe(200);
    expect(json.files[0]).toEqual({
      fileName: "huge.gpx",
      status: "failed",
      error: {
        code: "PAYLOAD_TOO_LARGE",
        status: 413,
        message: "huge.gpx is larger than the 1 MB limit for one file (QT_FILE_MAX_MB).",
      },
    });
    expect(json.files[1]).toMatchObject({ status: "created" });
    expect(await filesOf(user.id)).toHaveLength(1);
  });

  it("refuses a request past the request limit with 413 before reading it", async () => {
    vi.stubEnv("QT_FILE_MAX_MB", "1");
    const { headers } = await newUploader();
    const parts = Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.fit`, content: randomBytes(900_000) }));
    const { status, json } = await upload(parts, headers);
    expect(status).toBe(413);
    expect(json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("5 MB") });
  });

  it("past the request limit mid-way, keeps the files already read and lists them with the 413", async () => {
    const { user, headers } = await newUploader();
    const small = await serveWebhooks((_path, request) =>
      handleFileUpload(database.db, store, request, {
        maxFileBytes: 1024 * 1024,
        maxRequestBytes: 60_000,
        maxFiles: 10,
      }),
    );
    try {
      const { body, contentType } = multipartBody([
        { fileName: "ride.gpx", content: gpxRide(freshStart()) },
        { fileName: "big.fit", content: randomBytes(100_000) },
      ]);
      // Streamed in 16 KB pieces, so no Content-Length announces the size: the limit is met while
      // reading, after the first file is complete.
      let offset = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= body.length) return controller.close();
          controller.enqueue(new Uint8Array(body.subarray(offset, (offset += 16_384))));
        },
      });
      const response = await fetch(`${small.url}/api/files`, {
        method: "POST",
        headers: { ...headers, "content-type": contentType },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      const { error } = (await response.json()) as { error: ErrorBody & { details: { files: FileUploadResult[] } } };
      expect(error.message).toContain("1 file(s) before that were read");
      expect(error.details.files).toMatchObject([{ fileName: "ride.gpx", status: "created" }]);
      expect(await activitiesOf(user.id)).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it("reads only the first files a request may carry, and says so", async () => {
    const { user, headers } = await newUploader();
    const small = await serveWebhooks((_path, request) =>
      handleFileUpload(database.db, store, request, {
        maxFileBytes: 1024 * 1024,
        maxRequestBytes: 1024 * 1024,
        maxFiles: 2,
      }),
    );
    try {
      const { body, contentType } = multipartBody(
        [0, 1, 2].map((i) => ({ fileName: `${i}.gpx`, content: gpxRide(freshStart()) })),
      );
      const response = await fetch(`${small.url}/api/files`, {
        method: "POST",
        headers: { ...headers, "content-type": contentType },
        body: new Uint8Array(body),
      });
      const reply = (await response.json()) as UploadReply;
      expect(response.status).toBe(200);
      expect(reply.files.map((file) => file.fileName)).toEqual(["0.gpx", "1.gpx"]);
      expect(reply.notice).toBe("Only the first 2 files of a request are read; send the rest in another request.");
      expect(await activitiesOf(user.id)).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it("answers 400 to a body cut off before its end", async () => {
    const { headers } = await newUploader();
    const { body, contentType } = multipartBody([{ fileName: "ride.gpx", content: gpxRide(freshStart()) }]);
    const cut = body.subarray(0, body.length - 200);
    const { status, json } = await send(new Uint8Array(cut), { ...headers, "content-type": contentType });
    expect(status).toBe(400);
    expect(json.error!.message).toMatch(/^The multipart body cannot be read: Unexpected end of (form|file)/);
  });

  it("answers 415 to a body that is not multipart and 400 naming the field when no file is sent", async () => {
    const { headers } = await newUploader();
    const json = await send(JSON.stringify({ file: "run.fit" }), { ...headers, "content-type": "application/json" });
    expect(json.status).toBe(415);
    expect(json.json.error!.message).toContain("multipart/form-data");

    const noField = await upload([{ field: "notes", content: "hello" }], headers);
    expect(noField.status).toBe(400);
    expect(noField.json.error).toMatchObject({ code: "INVALID_INPUT", details: { field: "file" } });

    const asText = await upload([{ field: "file", content: "run.fit" }], headers);
    expect(asText.status).toBe(400);
    expect(asText.json.error!.message).toContain('"file" arrived as a text field');

    const wrongField = await upload([{ field: "upload", fileName: "run.fit", content: fit(freshStart()) }], headers);
    expect(wrongField.status).toBe(400);
    expect(wrongField.json.error!.message).toContain('Files arrived in "upload" instead');
  });

  it("never uses a client's file name as a path", async () => {
    const { user, headers } = await newUploader();
    const { json } = await upload(
      [
        { fileName: "../../etc/passwd", content: gpxRide(freshStart()) },
        { fileName: "..\\..\\x.gpx", content: gpxRide(freshStart(), { name: "Second" }) },
        { fileName: "..", content: gpxRide(freshStart(), { name: "Third" }) },
      ],
      headers,
    );

    expect(json.files.map((file) => [file.fileName, file.status])).toEqual([
      ["passwd", "created"],
      ["x.gpx", "created"],
      [null, "created"],
    ]);
    // Everything the store wrote is <root>/<user hash>/<2 hex>/<sha256>, and nothing lies beside it.
    const written = await listFiles(storeRoot);
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const file of written) expect(file).toMatch(/^files\/[0-9a-f]{32}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const names = (await filesOf(user.id)).map((file) => file.fileName).sort();
    expect(names).toEqual([null, "passwd", "x.gpx"]);
  });

  it("takes a browser's session or an API key, and refuses a bad key even beside a session", async () => {
    const email = `uploader-${randomUUID()}@example.test`;
    const account = await signUpWithPassword(database.db, { email, password: PASSWORD }, { client: randomUUID() });
    if (!account.ok) throw new Error("sign-up failed");
    const browser = createBrowser(auth.url);
    expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
    const cookie = { cookie: `next-auth.session-token=${browser.sessionToken()}` };

    const bySession = await upload([{ fileName: "a.gpx", content: gpxRide(freshStart()) }], cookie);
    expect(bySession.status).toBe(200);
    expect(bySession.json.files[0]).toMatchObject({ status: "created" });
    expect(await activitiesOf(account.userId)).toHaveLength(1);

    const content = gpxRide(freshStart());
    expect((await upload([{ fileName: "b.gpx", content }], {})).status).toBe(401);
    const badKey = await upload([{ fileName: "b.gpx", content }], { ...cookie, "x-api-key": `qt_${"A".repeat(43)}` });
    expect(badKey.status).toBe(401);
    // A key made for reading cannot push files in: uploads need the ingest scope.
    const { key: readKey } = await createApiKey(database.db, {
      userId: account.userId,
      name: "reader",
      scopes: ["read"],
    });
    const readOnly = await upload([{ fileName: "b.gpx", content }], { "x-api-key": readKey });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.error?.details).toMatchObject({ missingScope: "ingest" });
    expect(await activitiesOf(account.userId)).toHaveLength(1);
  });

  it("keeps one person's uploads out of another's reach", async () => {
    const alice = await newUploader();
    const bob = await newUploader();
    const start = freshStart();
    const bytes = fit(start);
    const forAlice = created((await upload([{ fileName: "run.fit", content: bytes }], alice.headers)).json.files[0]);
    // Bob's copy of the same file at the same time is his own new activity, not a duplicate of Alice's.
    const forBob = created((await upload([{ fileName: "run.fit", content: bytes }], bob.headers)).json.files[0]);

    expect(forBob.status).toBe("created");
    expect(forBob.activity.id).not.toBe(forAlice.activity.id);
    expect(await findActivityForUser(database.db, { userId: bob.user.id, activityId: forAlice.activity.id })).toBe(
      undefined,
    );
    expect((await filesOf(bob.user.id)).map((file) => file.activityId)).toEqual([forBob.activity.id]);
    expect(await store.size(alice.user.id, sha256(bytes))).toBe(bytes.byteLength);
  });

  it("makes one activity from two files of one workout sent at the same moment", async () => {
    const { user, headers } = await newUploader();
    const start = freshStart();
    const [first, second] = await Promise.all([
      upload([{ fileName: "ride.gpx", content: gpxRide(start) }], headers),
      upload([{ fileName: "ride.tcx", content: tcxRide(start) }], headers),
    ]);
    const statuses = [first.json.files[0]!.status, second.json.files[0]!.status].sort();
    expect(statuses).toEqual(["created", "duplicate"]);
    expect(await activitiesOf(user.id)).toHaveLength(1);
    expect(
      (await database.db.select({ n: count() }).from(activityFiles).where(eq(activityFiles.userId, user.id)))[0]!.n,
    ).toBe(2);
  });

  it("reads each file as it arrives, before the request has ended", async () => {
    const { user, headers } = await newUploader();
    const boundary = `----qt-stream-${randomUUID()}`;
    const firstPart = multipartPart(boundary, { fileName: "first.gpx", content: gpxRide(freshStart()) });
    const secondPart = multipartPart(boundary, {
      fileName: "second.gpx",
      content: gpxRide(freshStart()),
    });
    // The first chunk ends with the second part's headers, which tell the parser the first file
    // is complete; the second file's bytes follow only once the first file's activity exists. A
    // handler that waited for the whole body would never get there.
    const chunks = [
      Buffer.concat([...firstPart, secondPart[0]!]),
      Buffer.concat([...secondPart.slice(1), multipartEnd(boundary)]),
    ];
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step === 1) {
          while ((await activitiesOf(user.id)).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const chunk = chunks[step++];
        if (chunk) controller.enqueue(new Uint8Array(chunk));
        else controller.close();
      },
    });
    const { status, json } = await send(body, {
      ...headers,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    expect(status).toBe(200);
    expect(json.files.map((file) => file.status)).toEqual(["created", "created"]);
  });
});

type Failed = Extract<FileUploadResult, { status: "failed" }>;
type ErrorBody = { code: string; message: string; details?: Record<string, unknown> };

function created(result: FileUploadResult | undefined) {
  if (!result || result.status === "failed") throw new Error(`expected a kept file, got ${JSON.stringify(result)}`);
  return result;
}

async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? entry.name === ".incoming"
          ? Promise.resolve([])
          : listFiles(root, path.join(prefix, entry.name))
        : Promise.resolve([path.join(prefix, entry.name)]),
    ),
  );
  return nested.flat();
}
