import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildFitActivity } from "@tests/fixtures/activity-files";
import { createApiKey, revokeApiKey } from "@/lib/db/queries/api-keys";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { GENERATED_DESCRIPTION } from "@/lib/files/build";
import { parseActivityFile } from "@/lib/files/parse";
import { saveActivityFile } from "@/lib/files/save";
import { DiskFileStore } from "@/lib/files/disk-store";
import { activityFileRoute } from "@/lib/files/routes";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { seedActivity, seedOriginal, sessionCookie } from "../files/seed";
import { serveRoutes } from "../route-server";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describeEachDatabase("GET /api/activities/:id/file", (database) => {
  let root: string;
  let store: DiskFileStore;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-download-"));
    store = new DiskFileStore(root);
    server = await serveRoutes({
      "/api/activities/:id/file": activityFileRoute({ getDb: async () => database.db, getStore: () => store }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const get = (activityId: string, headers: Record<string, string> = {}, query = "") =>
    fetch(`${server.url}/api/activities/${activityId}/file${query}`, { headers });
  const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

  async function withOriginal() {
    const user = await createTestUser(database.db);
    const activity = await seedActivity(database.db, user.id, { name: 'Über "den" Berg/../x' });
    const older = await seedOriginal(database.db, store, activity, 0);
    const newest = await seedOriginal(database.db, store, activity, 1);
    return { user, activity, older, newest, cookie: await sessionCookie(user.id) };
  }

  it("serves the newest original with its type, a safe name, its hash as ETag and its length", async () => {
    const { activity, newest, cookie } = await withOriginal();
    const response = await get(activity.id, { cookie });
    expect(response.status).toBe(200);
    const body = await bytesOf(response);
    expect(sha256(body)).toBe(newest.contentHash);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/vnd.ant.fit",
      etag: `"${newest.contentHash}"`,
      "accept-ranges": "bytes",
      "content-length": String(newest.sizeBytes),
    });
    expect(response.headers.get("x-qt-generated")).toBeNull();
    // Named from the activity, never from the stored file name ("../../etc/passwd.fit").
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toContain('filename="2026-11-20-uber-den-berg-x.fit"');
    expect(disposition).not.toContain("passwd");
  });

  it("serves a kept file by its id, and refuses another activity's file", async () => {
    const { activity, older, cookie, user } = await withOriginal();
    const picked = await get(activity.id, { cookie }, `?fileId=${older.id}`);
    expect(sha256(await bytesOf(picked))).toBe(older.contentHash);
    const elsewhere = await seedActivity(database.db, user.id, { name: "Other" });
    expect((await get(elsewhere.id, { cookie }, `?fileId=${older.id}`)).status).toBe(404);
  });

  it("answers Range with 206 and the slice, a suffix range, and 416 past the end", async () => {
    const { activity, newest, cookie } = await withOriginal();
    const whole = await bytesOf(await get(activity.id, { cookie }));

    const slice = await get(activity.id, { cookie, range: "bytes=10-19" });
    expect(slice.status).toBe(206);
    expect(slice.headers.get("content-range")).toBe(`bytes 10-19/${newest.sizeBytes}`);
    expect(Buffer.from(await bytesOf(slice))).toEqual(Buffer.from(whole.subarray(10, 20)));

    const tail = await get(activity.id, { cookie, range: "bytes=-7" });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await bytesOf(tail))).toEqual(Buffer.from(whole.subarray(whole.length - 7)));

    const past = await get(activity.id, { cookie, range: `bytes=${newest.sizeBytes}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${newest.sizeBytes}`);

    // The copy the client holds is stale: the whole file, not a slice of the new one.
    const stale = await get(activity.id, { cookie, range: "bytes=10-", "if-range": '"0000"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(newest.sizeBytes);

    const current = await get(activity.id, { cookie, "if-none-match": `"${newest.contentHash}"` });
    expect(current.status).toBe(304);
  });

  it("is a 404 for someone else's activity, the same as for one that does not exist", async () => {
    const { activity } = await withOriginal();
    const mallory = await createTestUser(database.db);
    const response = await get(activity.id, { cookie: await sessionCookie(mallory.id) });
    expect(response.status).toBe(404);
    const missing = await get("00000000-0000-4000-8000-000000000000", { cookie: await sessionCookie(mallory.id) });
    expect(missing.status).toBe(404);
    expect(await response.json()).toEqual(await missing.json());
  });

  it("takes an API key instead of a session, and refuses none, a revoked key, or a malformed id", async () => {
    const { activity, user, newest } = await withOriginal();
    const { key, apiKey } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["read"] });
    const withKey = await get(activity.id, { "x-api-key": key });
    expect(withKey.status).toBe(200);
    expect(sha256(await bytesOf(withKey))).toBe(newest.contentHash);

    expect((await get(activity.id)).status).toBe(401);
    // A request with a key is judged by the key, even beside a valid session.
    const cookie = await sessionCookie(user.id);
    expect((await get(activity.id, { cookie, "x-api-key": "qt_not-a-real-key" })).status).toBe(401);
    await revokeApiKey(database.db, { userId: user.id, apiKeyId: apiKey.id });
    expect((await get(activity.id, { "x-api-key": key })).status).toBe(401);

    const malformed = await get("not-a-uuid", { cookie: await sessionCookie(user.id) });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.issues[0].field).toBe("id");
  });

  it("builds a FIT when no original is kept, marked as generated, with the samples' heart rate", async () => {
    const user = await createTestUser(database.db);
    const activity = await seedActivity(database.db, user.id);
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "strava", sourceId: "" },
      {
        samples: [0, 300, 600].map((seconds, i) => ({
          metric: "heart_rate",
          time: new Date(activity.startAt.getTime() + seconds * 1000),
          value: 140 + i,
          unit: "bpm",
        })),
      },
    );
    const response = await get(activity.id, { cookie: await sessionCookie(user.id) });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-qt-generated")).toBe("1");
    expect(response.headers.get("content-disposition")).toContain("2026-11-20-morning-run-generated.fit");
    const body = await bytesOf(response);
    expect(response.headers.get("etag")).toBe(`"${sha256(body)}"`);
    const { messages, errors } = new Decoder(Stream.fromByteArray(Array.from(body))).read();
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.productName).toBe(GENERATED_DESCRIPTION);
    expect(messages.sessionMesgs?.[0]).toMatchObject({ sport: "running", startTime: activity.startAt });
    expect(messages.recordMesgs!.flatMap((record) => record.heartRate ?? [])).toEqual([140, 141, 142]);

    const slice = await get(activity.id, { cookie: await sessionCookie(user.id), range: "bytes=0-13" });
    expect(slice.status).toBe(206);
    expect(Buffer.from(await bytesOf(slice))).toEqual(Buffer.from(body.subarray(0, 14)));
  });

  it("builds a GPX on request even when an original is kept, and none for an activity without a route", async () => {
    const { activity, cookie, user } = await withOriginal();
    const response = await get(activity.id, { cookie }, "?format=gpx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gpx+xml");
    expect(response.headers.get("x-qt-generated")).toBe("1");
    const gpx = new XMLParser({ ignoreAttributes: false }).parse(await response.text()).gpx;
    expect(gpx.metadata.desc).toBe(GENERATED_DESCRIPTION);
    expect(gpx.trk.trkseg.trkpt.length).toBeGreaterThanOrEqual(3);

    const indoor = await seedActivity(database.db, user.id, { polyline: null, type: "strength" });
    const refused = await get(indoor.id, { cookie }, "?format=gpx");
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/no route/);
    expect((await get(indoor.id, { cookie }, "?format=fit")).status).toBe(200);

    const both = await get(activity.id, { cookie }, `?format=fit&fileId=${activity.id}`);
    expect(both.status).toBe(400);
    expect((await both.json()).error.issues[0].field).toBe("format");
    const badFormat = await get(activity.id, { cookie }, "?format=tcx");
    expect((await badFormat.json()).error.issues[0].field).toBe("format");
  });

  it("converts a kept FIT to GPX from its own points when the summary has no route", async () => {
    const user = await createTestUser(database.db);
    const start = new Date("2024-03-10T07:00:00Z");
    const activity = await seedActivity(database.db, user.id, { polyline: null, startAt: start, durationS: 300 });
    await saveActivityFile(database.db, store, {
      userId: user.id,
      bytes: buildFitActivity({ start, seconds: 300 }),
      origin: "provider",
      source: "garmin",
      activityId: activity.id,
      startAt: start,
    });
    const response = await get(activity.id, { cookie: await sessionCookie(user.id) }, "?format=gpx");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-qt-generated")).toBe("1");
    const gpx = parseActivityFile(await bytesOf(response), "gpx");
    expect(gpx.points).toHaveLength(301);
    expect(gpx.points[0]).toMatchObject({ time: start, lat: expect.closeTo(52.37, 4) });
    expect(gpx.points.every((point) => point.heartRateBpm !== undefined)).toBe(true);
  });
});
