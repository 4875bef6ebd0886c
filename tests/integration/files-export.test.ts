import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { activities } from "@/lib/db/schema";
import { buildActivityFile } from "@/lib/files/build";
import { DiskFileStore } from "@/lib/files/disk-store";
import { exportFilesRoute } from "@/lib/files/routes";
import { saveActivityFile } from "@/lib/files/save";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { seedActivity, seedOriginal, sessionCookie } from "../files/seed";
import { readZip } from "../files/zip-reader";
import { serveRoutes } from "../route-server";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const day = (date: string, hour = 6) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

interface ManifestJson {
  from: string | null;
  to: string | null;
  activities: Array<{ id: string; path: string; file: string; format: string; sha256: string; sizeBytes: number }>;
}

describeEachDatabase("GET /api/files/export", (database) => {
  let root: string;
  let store: DiskFileStore;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-files-export-test-"));
    store = new DiskFileStore(root);
    server = await serveRoutes({
      "/api/files/export": exportFilesRoute({ getDb: async () => database.db, getStore: () => store }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const get = (query: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/files/export${query}`, { headers });
  const body = async (response: Response) => Buffer.from(await response.arrayBuffer());
  const manifestOf = (zip: Buffer) =>
    JSON.parse(
      readZip(zip)
        .find((entry) => entry.name === "manifest.json")!
        .data.toString(),
    ) as ManifestJson;

  /** A person with a mix: originals (FIT and GPX), one without, a name collision, a hostile name, one outside the range. */
  async function seedPerson() {
    const user = await createTestUser(database.db);
    const cookie = await sessionCookie(user.id);
    const withFit = await seedActivity(database.db, user.id, { name: "Morning run", startAt: day("2026-11-20") });
    const fit = await seedOriginal(database.db, store, withFit);
    const twin = await seedActivity(database.db, user.id, { name: "Morning Run", startAt: day("2026-11-20", 7) });
    const triplet = await seedActivity(database.db, user.id, { name: "MORNING RUN", startAt: day("2026-11-20", 8) });
    const withGpx = await seedActivity(database.db, user.id, {
      name: "Ride",
      type: "ride",
      startAt: day("2026-11-21"),
    });
    const gpx = await saveActivityFile(database.db, store, {
      userId: user.id,
      bytes: buildActivityFile({ activity: withGpx, samples: [] }, "gpx"),
      origin: "upload",
      source: "upload",
      activityId: withGpx.id,
    });
    const hostile = await seedActivity(database.db, user.id, {
      name: "../../../etc/passwd\u0007\\x",
      type: "../../escape",
      startAt: day("2026-11-22"),
      polyline: null,
    });
    const outside = await seedActivity(database.db, user.id, { name: "Old", startAt: day("2025-01-01") });
    return { user, cookie, withFit, fit, twin, triplet, withGpx, gpx, hostile, outside };
  }

  it("zips every activity's file in the layout, with CSV and JSON manifests that match the files", async () => {
    const person = await seedPerson();
    const stranger = await seedPerson();
    const response = await get("?from=2026-11-01&to=2026-11-30", { cookie: person.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain("qt-run-export-2026-11-01-to-2026-11-30.zip");
    const zip = await body(response);
    expect(response.headers.get("content-length")).toBe(String(zip.length));
    const entries = readZip(zip);
    expect(entries.map((entry) => entry.name)).toEqual([
      "manifest.csv",
      "manifest.json",
      "run/2026-11-20-morning-run.fit",
      "run/2026-11-20-morning-run-generated.fit",
      "run/2026-11-20-morning-run-2-generated.fit",
      "ride/2026-11-21-ride.gpx",
      "escape/2026-11-22-etc-passwd-x-generated.fit",
    ]);
    // Each file is the kept original byte for byte, or a FIT built for the activity.
    const byName = new Map(entries.map((entry) => [entry.name, entry.data]));
    expect(sha256(byName.get("run/2026-11-20-morning-run.fit")!)).toBe(person.fit.contentHash);
    expect(sha256(byName.get("ride/2026-11-21-ride.gpx")!)).toBe(person.gpx.contentHash);
    const generated = new Decoder(Stream.fromByteArray([...byName.get("run/2026-11-20-morning-run-generated.fit")!]));
    expect(generated.read().messages.sessionMesgs?.[0]?.startTime).toEqual(person.twin.startAt);
    // Entries carry the activity's start as their time, not the moment of the download.
    expect(entries[2]!.mtimeUnixSeconds).toBe(person.withFit.startAt.getTime() / 1000);

    const manifest = manifestOf(zip);
    expect(manifest).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(manifest.activities.map((row) => [row.id, row.file, row.format])).toEqual([
      [person.withFit.id, "original", "fit"],
      [person.twin.id, "generated", "fit"],
      [person.triplet.id, "generated", "fit"],
      [person.withGpx.id, "original", "gpx"],
      [person.hostile.id, "generated", "fit"],
    ]);
    for (const row of manifest.activities) {
      expect(sha256(byName.get(row.path)!)).toBe(row.sha256);
      expect(byName.get(row.path)!.length).toBe(row.sizeBytes);
    }
    const csv = byName.get("manifest.csv")!.toString().trim().split("\r\n");
    expect(csv[0]).toBe("id,start,type,name,provider,distance_m,duration_s,path,file,format,size_bytes,sha256");
    expect(csv).toHaveLength(6);
    expect(csv[1]).toContain(`${person.withFit.id},2026-11-20T06:00:00.000Z,run,Morning run,strava,2000,600,`);
    // Nobody else's activities.
    expect(zip.includes(Buffer.from(stranger.withFit.id))).toBe(false);
  });

  it("keeps every name inside its folder however the activity is named (zip-slip)", async () => {
    const person = await seedPerson();
    const entries = readZip(await body(await get("", { cookie: person.cookie })));
    for (const { name } of entries) {
      expect(name).not.toMatch(/(^|\/)\.\.?(\/|$)|^\/|\\|[\u0000-\u001f]/);
      expect(name.split("/").length).toBeLessThanOrEqual(2);
      const resolved = path.resolve("/export", name);
      expect(resolved.startsWith("/export/")).toBe(true);
    }
    expect(entries.some((entry) => entry.name.startsWith("escape/2026-11-22-etc-passwd-x"))).toBe(true);
  });

  it("gives the same bytes and ETag twice, resumes from a Range, and changes the tag when the data changes", async () => {
    const person = await seedPerson();
    const first = await get("", { cookie: person.cookie });
    const zip = await body(first);
    const etag = first.headers.get("etag")!;
    const again = await get("", { cookie: person.cookie });
    expect(again.headers.get("etag")).toBe(etag);
    expect((await body(again)).equals(zip)).toBe(true);

    const offset = Math.floor(zip.length / 2) + 3;
    const resumed = await get("", { cookie: person.cookie, range: `bytes=${offset}-`, "if-range": etag });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get("content-range")).toBe(`bytes ${offset}-${zip.length - 1}/${zip.length}`);
    expect((await body(resumed)).equals(zip.subarray(offset))).toBe(true);

    const middle = await get("", { cookie: person.cookie, range: "bytes=100-199" });
    expect(middle.status).toBe(206);
    expect((await body(middle)).equals(zip.subarray(100, 200))).toBe(true);

    const past = await get("", { cookie: person.cookie, range: `bytes=${zip.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${zip.length}`);

    // A client that hangs up after the first bytes.
    const abandoned = await get("", { cookie: person.cookie });
    const reader = abandoned.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();

    // The generated files were spooled for these exports; none is left behind, whole, cut short or abandoned.
    const spools = async () => (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith("qt-export-"));
    await expect.poll(spools).toEqual([]);

    await database.db.update(activities).set({ name: "Renamed" }).where(eq(activities.id, person.twin.id));
    const stale = await get("", { cookie: person.cookie, range: `bytes=${offset}-`, "if-range": etag });
    expect(stale.status).toBe(200);
    expect(stale.headers.get("etag")).not.toBe(etag);
    expect(manifestOf(await body(stale)).activities.map((row) => row.path)).toContain(
      "run/2026-11-20-renamed-generated.fit",
    );
  });

  it("filters by the person's dates and names a bad field", async () => {
    const person = await seedPerson();
    const all = manifestOf(await body(await get("", { cookie: person.cookie })));
    expect(all.activities.map((row) => row.id)).toEqual([
      person.outside.id,
      person.withFit.id,
      person.twin.id,
      person.triplet.id,
      person.withGpx.id,
      person.hostile.id,
    ]);
    const oneDay = manifestOf(await body(await get("?from=2026-11-21&to=2026-11-21", { cookie: person.cookie })));
    expect(oneDay.activities.map((row) => row.id)).toEqual([person.withGpx.id]);
    const empty = await get("?from=2030-01-01", { cookie: person.cookie });
    expect(empty.status).toBe(200);
    const emptyZip = await body(empty);
    expect(readZip(emptyZip).map((entry) => entry.name)).toEqual(["manifest.csv", "manifest.json"]);

    const bad = await get("?from=2026-13-01", { cookie: person.cookie });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].field).toBe("from");
    const backwards = await get("?from=2026-12-01&to=2026-11-01", { cookie: person.cookie });
    expect((await backwards.json()).error.issues[0].field).toBe("from");
    expect((await get("", {})).status).toBe(401);
    const { key } = await createApiKey(database.db, {
      userId: person.user.id,
      name: "backup script",
      scopes: ["read"],
    });
    expect(manifestOf(await body(await get("", { "x-api-key": key }))).activities).toHaveLength(6);
    // A phone's key pushes data in; it cannot take the whole account out.
    const { key: phoneKey } = await createApiKey(database.db, {
      userId: person.user.id,
      name: "phone",
      scopes: ["ingest"],
    });
    const refused = await get("", { "x-api-key": phoneKey });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details.missingScope).toBe("read");
  });

  it("streams 1,000 activities' files in order, and stops reading files while the client is not reading", async () => {
    const user = await createTestUser(database.db);
    const cookie = await sessionCookie(user.id);
    const header = buildActivityFile(
      { activity: await seedActivity(database.db, user.id, { startAt: day("2020-01-01") }), samples: [] },
      "fit",
    ).subarray(0, 14);
    await database.db.delete(activities).where(eq(activities.userId, user.id));
    const { upsertRecordBatch } = await import("@/lib/db/queries/records");
    const base = day("2021-01-01").getTime();
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "garmin", sourceId: "" },
      {
        activities: Array.from({ length: 1000 }, (_, i) => ({
          externalId: `bulk-${i}`,
          type: i % 2 ? "ride" : "run",
          name: `Session ${i % 10}`,
          startAt: new Date(base + i * 3_600_000),
          durationS: 1800,
        })),
      },
    );
    const rows = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    // 20 KB of distinct bytes each behind a FIT header: what is stored is served as is.
    for (const row of rows) {
      await saveActivityFile(database.db, store, {
        userId: user.id,
        bytes: Buffer.concat([header, randomBytes(20_000)]),
        origin: "provider",
        source: "garmin",
        activityId: row.id,
      });
    }
    const counting = new (class extends DiskFileStore {
      reads = 0;
      override read(...args: Parameters<DiskFileStore["read"]>) {
        this.reads++;
        return super.read(...args);
      }
    })(root);
    const countingServer = await serveRoutes({
      "/api/files/export": exportFilesRoute({ getDb: async () => database.db, getStore: () => counting }),
    });
    try {
      const response = await fetch(`${countingServer.url}/api/files/export`, { headers: { cookie } });
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // Let the server run ahead as far as the buffers allow, then see it has stopped far short of the end.
      let previous = -1;
      while (counting.reads !== previous) {
        previous = counting.reads;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(counting.reads).toBeLessThan(500);
      const chunks = [Buffer.from(first.value!)];
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(Buffer.from(next.value));
      const zip = Buffer.concat(chunks);
      expect(zip.length).toBe(Number(response.headers.get("content-length")));
      const entries = readZip(zip);
      expect(entries).toHaveLength(1002);
      expect(counting.reads).toBe(1000);
      const names = entries.slice(2).map((entry) => entry.name);
      expect(names[0]).toBe("run/2021-01-01-session-0.fit");
      expect(names.filter((name) => name.startsWith("ride/"))).toHaveLength(500);
      expect(new Set(names).size).toBe(1000);
    } finally {
      await countingServer.close();
    }
    // Seeding 1,000 files and reading the zip twice takes a while on a busy machine; nothing here is timed.
  }, 180_000);
});
