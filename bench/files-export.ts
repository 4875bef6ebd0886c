// The export half of `npm run bench -- files`: 1,000 activities, each with its original FIT (a 1-hour
// 1 Hz recording, ~100 KB) in a temporary file store, exported through the real GET /api/files/export
// handler (the route's own code, API key auth included) and streamed to /dev/null. Reported: MB/s of
// the zip, time to the first byte (the export is planned before it: every size known, so the length
// and a Range can be exact), and the process's RSS while it streams, against its RSS before. A
// second run exports 1,000 activities with no original (a FIT generated from each summary and its
// 300-point route), which is what a Strava history costs. Postgres and PGlite, in the same run.
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CrcCalculator } from "@garmin/fitsdk";
import { eq } from "drizzle-orm";
import { ZipFile } from "yazl";
import { buildFitActivity } from "../tests/fixtures/activity-files";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "../src/lib/db/client";
import { createApiKey } from "../src/lib/db/queries/api-keys";
import { upsertRecordBatch } from "../src/lib/db/queries/records";
import { activities, activityFiles, users } from "../src/lib/db/schema";
import { DiskFileStore } from "../src/lib/files/disk-store";
import { exportFilesRoute } from "../src/lib/files/routes";
import { saveActivityFile } from "../src/lib/files/save";
import { encodePolyline, type LatLon } from "../src/lib/geo/polyline";
import { withBenchDatabase } from "./bench-database";

const ACTIVITIES = Number(process.env.BENCH_FILES_EXPORT_ACTIVITIES ?? 1000);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => bytes / 1_000_000;

/**
 * `count` valid, distinct FIT files from one: each copy's file_id serial number is set to its
 * index and the file CRC written again. Encoding 1,000 hour-long recordings would take minutes;
 * a content-addressed store needs distinct bytes, and the export reads them as they are.
 */
function* distinctFits(base: Uint8Array, count: number): Generator<Uint8Array> {
  // The first message is file_id's definition (record header, reserved, architecture, global
  // number, field count, then 3 bytes per field), its data message right after.
  const fieldCount = base[14 + 5]!;
  let offset = 14 + 6 + fieldCount * 3 + 1;
  let serialAt = -1;
  for (let i = 0; i < fieldCount; i++) {
    const [number, size] = [base[14 + 6 + i * 3]!, base[14 + 6 + i * 3 + 1]!];
    if (number === 3) serialAt = offset;
    offset += size;
  }
  if (serialAt < 0) throw new Error("the base FIT has no file_id serial number");
  for (let i = 0; i < count; i++) {
    const copy = Uint8Array.from(base);
    new DataView(copy.buffer).setUint32(serialAt, i + 1, true);
    new DataView(copy.buffer).setUint16(copy.length - 2, CrcCalculator.calculateCRC(copy, 0, copy.length - 2), true);
    yield copy;
  }
}

// A 300-point loop for the summary-only activities.
const ROUTE: LatLon[] = Array.from({ length: 300 }, (_, i) => [
  52.5 + 0.01 * Math.sin((2 * Math.PI * i) / 299),
  13.4 + 0.02 * Math.cos((2 * Math.PI * i) / 299),
]);

async function seed(db: Database, store: DiskFileStore, withOriginals: boolean) {
  const [user] = await db
    .insert(users)
    .values({ email: `files-export-${Date.now()}-${Math.random()}@example.test` })
    .returning();
  const base = Date.parse("2022-01-01T06:00:00Z");
  await upsertRecordBatch(
    db,
    { userId: user!.id, connectionId: null, provider: withOriginals ? "garmin" : "strava", sourceId: "" },
    {
      activities: Array.from({ length: ACTIVITIES }, (_, i) => ({
        externalId: `bench-${i}`,
        type: i % 3 ? "run" : "ride",
        name: `Session ${i % 25}`,
        startAt: new Date(base + i * 86_400_000),
        utcOffsetSeconds: 3600,
        durationS: 3600,
        distanceM: 10_000,
        polyline: withOriginals ? null : encodePolyline(ROUTE),
      })),
    },
  );
  if (withOriginals) {
    const rows = await db.select({ id: activities.id }).from(activities).where(eq(activities.userId, user!.id));
    const fits = distinctFits(buildFitActivity({ seconds: 3600, withPower: true, withCadence: true }), rows.length);
    for (const row of rows) {
      await saveActivityFile(db, store, {
        userId: user!.id,
        bytes: fits.next().value!,
        origin: "provider",
        source: "garmin",
        activityId: row.id,
      });
    }
  }
  const { key } = await createApiKey(db, { userId: user!.id, name: "bench", scopes: ["read"] });
  return { key, userId: user!.id };
}

async function exportOnce(db: Database, store: DiskFileStore, key: string) {
  const route = exportFilesRoute({ getDb: async () => db, getStore: () => store });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await route(new Request("http://localhost/api/files/export", { headers: { "x-api-key": key } }));
  const firstByteMs = performance.now() - started;
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      sample();
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as never), count, createWriteStream("/dev/null"));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  clearInterval(timer);
  if (bytes !== Number(response.headers.get("content-length"))) throw new Error("the zip's length differs");
  return {
    zipMB: round(mb(bytes)),
    seconds: round(seconds, 2),
    MBps: round(mb(bytes) / seconds),
    // Process CPU (user + system): steadier than wall time on a shared machine.
    cpuSeconds: round(cpuSeconds, 2),
    MBpsOfCpu: round(mb(bytes) / cpuSeconds),
    timeToFirstByteMs: Math.round(firstByteMs),
    rssBeforeMB: round(mb(rssBefore)),
    peakRssMB: round(mb(peakRss)),
    peakRssGrowthMB: round(mb(peakRss - rssBefore)),
  };
}

/**
 * The floor: yazl alone zipping the same stored files (stored, sizes given) straight to /dev/null,
 * with no database, plan, manifest, HTTP handler or web stream in between.
 */
async function zipAlone(db: Database, store: DiskFileStore, userId: string) {
  const files = await db
    .select({ hash: activityFiles.contentHash, size: activityFiles.sizeBytes })
    .from(activityFiles)
    .where(eq(activityFiles.userId, userId));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const zip = new ZipFile();
  for (const file of files) {
    zip.addReadStreamLazy(`run/${file.hash}.fit`, { compress: false, size: file.size }, (callback) => {
      store.read(userId, file.hash).then(
        (stream) => callback(null, stream),
        (error: Error) => callback(error, undefined as never),
      );
    });
  }
  zip.end({ forceZip64Format: true, comment: "" });
  let bytes = 0;
  zip.outputStream.on("data", (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(zip.outputStream as unknown as Readable, createWriteStream("/dev/null"));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { zipMB: round(mb(bytes)), MBps: round(mb(bytes) / seconds), MBpsOfCpu: round(mb(bytes) / cpuSeconds) };
}

async function benchMode(open: () => Promise<DatabaseHandle>) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-bench-export-"));
  const handle = await open();
  try {
    const store = new DiskFileStore(root);
    const withOriginals = await seed(handle.db, store, true);
    const summaryOnly = await seed(handle.db, store, false);
    // The first export warms the JIT and the OS page cache; the second is reported.
    await exportOnce(handle.db, store, withOriginals.key);
    const originals = await exportOnce(handle.db, store, withOriginals.key);
    const yazlAlone = await zipAlone(handle.db, store, withOriginals.userId);
    const generated = await exportOnce(handle.db, store, summaryOnly.key);
    return {
      originals,
      yazlAloneOnTheSameFiles: yazlAlone,
      originalsOverYazlAlone: round(originals.MBpsOfCpu / yazlAlone.MBpsOfCpu, 2),
      generated: { ...generated, activitiesPerSecond: round(ACTIVITIES / generated.seconds) },
    };
  } finally {
    await handle.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

export async function benchFilesExport(): Promise<Record<string, unknown>> {
  return withBenchDatabase(async (url) => ({
    activities: ACTIVITIES,
    method:
      "GET /api/files/export handler, API key, body piped to /dev/null; RSS sampled every 5 ms and per chunk; second of two exports",
    postgres: await benchMode(() => openPostgres(url)),
    pglite: await benchMode(() => openPglite()),
  }));
}
