import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { upsertConnection } from "@/lib/db/queries/connections";
import { bodyMeasurements, dailySummaries, samples, sleepSessions, users } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { exportFilesRoute } from "@/lib/files/routes";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { seedActivity, seedOriginal, sessionCookie } from "../files/seed";
import { readZip } from "../files/zip-reader";
import { serveRoutes } from "../route-server";

const at = (iso: string) => new Date(iso);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** RFC 4180 as the export writes it: quoted cells may hold commas, quotes and newlines. */
function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (isQuoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && (char === "," || char === "\n")) {
      record.push(cell);
      cell = "";
      if (char === "\n") {
        records.push(record);
        record = [];
      }
    } else {
      cell += char;
    }
  }
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]!])));
}

describeEachDatabase("GET /api/files/export?include=data (the full-account zip)", (database) => {
  let root: string;
  let store: DiskFileStore;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let spoolParent: string;
  const savedTmpDir = process.env.TMPDIR;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-account-export-test-"));
    // This file's exports spool under a folder of its own: what is left there is theirs alone.
    spoolParent = await fs.mkdtemp(path.join(os.tmpdir(), "qt-account-spools-"));
    process.env.TMPDIR = spoolParent;
    store = new DiskFileStore(root);
    server = await serveRoutes({
      "/api/files/export": exportFilesRoute({ getDb: async () => database.db, getStore: () => store }),
    });
  });
  afterAll(async () => {
    await server?.close();
    if (savedTmpDir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpDir;
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(spoolParent, { recursive: true, force: true });
  });

  const get = (query: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/files/export${query}`, { headers });
  const body = async (response: Response) => Buffer.from(await response.arrayBuffer());
  const entriesOf = (zip: Buffer) => new Map(readZip(zip).map((entry) => [entry.name, entry.data]));
  const tableOf = (entries: Map<string, Buffer>, table: string) =>
    parseCsv(entries.get(`data/${table}.csv`)!.toString("utf8"));

  /**
   * A person in Berlin with a row of every table inside November 2026 and one outside it; `tag`
   * makes each person's values their own, so a stranger's rows would show.
   */
  async function seedPerson(tag: number) {
    const user = await createTestUser(database.db);
    await database.db.update(users).set({ timeZone: "Europe/Berlin" }).where(eq(users.id, user.id));
    const owner = { userId: user.id, connectionId: null };
    // 23:30 UTC on 31 October is 00:30 on 1 November in Berlin: inside the range.
    const run = await seedActivity(database.db, user.id, { name: `Run ${tag}`, startAt: at("2026-10-31T23:30:00Z") });
    const fit = await seedOriginal(database.db, store, run, tag);
    const ride = await seedActivity(
      database.db,
      user.id,
      { name: `Ride ${tag}`, type: "ride", startAt: at("2026-11-21T16:00:00Z"), distanceM: 30_000 },
      "garmin",
    );
    const old = await seedActivity(database.db, user.id, { name: `Old ${tag}`, startAt: at("2025-01-01T06:00:00Z") });
    await database.db.insert(dailySummaries).values([
      { ...owner, provider: "oura", localDate: "2026-11-20", steps: 9000 + tag, restingHeartRateBpm: 48 },
      { ...owner, provider: "garmin", localDate: "2026-11-20", steps: 9400 + tag, distanceM: 7000 },
      { ...owner, provider: "oura", localDate: "2026-10-31", steps: 1 },
    ]);
    await database.db.insert(sleepSessions).values([
      {
        ...owner,
        provider: "oura",
        externalId: `night-${user.id}`,
        localDate: "2026-11-20",
        startAt: at("2026-11-19T22:30:00Z"),
        endAt: at("2026-11-20T06:00:00Z"),
        utcOffsetSeconds: 3600,
        asleepS: 25_000 + tag,
        stages: [{ stage: "deep", startAt: "2026-11-19T23:00:00Z", endAt: "2026-11-19T23:40:00Z" }],
      },
      {
        ...owner,
        provider: "oura",
        externalId: `old-night-${user.id}`,
        localDate: "2026-12-01",
        startAt: at("2026-11-30T22:30:00Z"),
        endAt: at("2026-12-01T06:00:00Z"),
      },
    ]);
    await database.db.insert(samples).values([
      ...[0, 60].map((second) => ({
        userId: user.id,
        provider: "apple_health",
        sourceId: "Watch",
        metric: "heart_rate",
        time: new Date(Date.parse("2026-11-20T06:00:00Z") + second * 1000),
        value: 140 + tag,
        unit: "bpm",
      })),
      {
        userId: user.id,
        provider: "oura",
        metric: "hrv",
        time: at("2026-11-23T03:00:00Z"),
        value: 60 + tag,
        unit: "ms",
      },
      {
        userId: user.id,
        provider: "oura",
        metric: "heart_rate",
        time: at("2026-12-02T03:00:00Z"),
        value: 1,
        unit: "bpm",
      },
    ]);
    await database.db.insert(bodyMeasurements).values([
      { ...owner, provider: "withings", measuredAt: at("2026-11-21T07:00:00Z"), weightKg: 70 + tag, bmi: 21.7 },
      // 00:30 on 1 December in Berlin: outside the range although it is still 30 November in UTC.
      { ...owner, provider: "withings", measuredAt: at("2026-11-30T23:30:00Z"), weightKg: 99 },
    ]);
    await upsertConnection(database.db, {
      userId: user.id,
      provider: "garmin",
      externalUserId: `garmin-${user.id}`,
      label: `Watch ${tag}`,
      authKind: "oauth2",
      encryptedCredentials: null,
      expiresAt: null,
      scopes: [],
    });
    return { user, cookie: await sessionCookie(user.id), run, fit, ride, old };
  }

  it("holds the person's tables for the range as CSV, their files and a README, and nobody else's data", async () => {
    const person = await seedPerson(1);
    const stranger = await seedPerson(2);
    const response = await get("?from=2026-11-01&to=2026-11-30&include=data", { cookie: person.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("qt-run-account-2026-11-01-to-2026-11-30.zip");
    const zip = await body(response);
    expect(response.headers.get("content-length")).toBe(String(zip.length));
    const entries = entriesOf(zip);
    expect([...entries.keys()]).toEqual([
      "README.txt",
      "manifest.csv",
      "manifest.json",
      "data/activities.csv",
      "data/activities-by-source.csv",
      "data/daily-metrics.csv",
      "data/sleep.csv",
      "data/samples.csv",
      "data/body-measurements.csv",
      "data/sources.csv",
      "run/2026-11-01-run-1.fit",
      "ride/2026-11-21-ride-1-generated.fit",
    ]);
    // The original, byte for byte.
    expect(sha256(entries.get("run/2026-11-01-run-1.fit")!)).toBe(person.fit.contentHash);

    const activities = tableOf(entries, "activities");
    expect(activities.map((row) => [row.id, row.source, row.name])).toEqual([
      [person.ride.id, "garmin", "Ride 1"],
      [person.run.id, "strava", "Run 1"],
    ]);
    expect(activities[0]).toMatchObject({ distanceM: "30000", startAt: "2026-11-21T16:00:00.000Z", type: "ride" });
    expect(tableOf(entries, "activities-by-source").map((row) => [row.source, row.id])).toEqual([
      ["garmin", person.ride.id],
      ["strava", person.run.id],
    ]);
    expect(tableOf(entries, "daily-metrics").map((row) => [row.date, row.source, row.steps])).toEqual(
      expect.arrayContaining([
        ["2026-11-20", "oura", "9001"],
        ["2026-11-20", "garmin", "9401"],
      ]),
    );
    expect(tableOf(entries, "daily-metrics")).toHaveLength(2);
    const [night, ...otherNights] = tableOf(entries, "sleep");
    expect(otherNights).toEqual([]);
    expect(night).toMatchObject({ date: "2026-11-20", asleepS: "25001", startLocal: "2026-11-19T23:30:00+01:00" });
    expect(JSON.parse(night!.stages!)).toEqual([
      { stage: "deep", startAt: "2026-11-19T23:00:00Z", endAt: "2026-11-19T23:40:00Z" },
    ]);
    expect(tableOf(entries, "samples").map((row) => [row.metric, row.time, row.value, row.unit])).toEqual([
      ["heart_rate", "2026-11-20T06:01:00.000Z", "141", "bpm"],
      ["heart_rate", "2026-11-20T06:00:00.000Z", "141", "bpm"],
      ["hrv", "2026-11-23T03:00:00.000Z", "61", "ms"],
    ]);
    expect(tableOf(entries, "body-measurements").map((row) => [row.measuredAt, row.weightKg])).toEqual([
      ["2026-11-21T07:00:00.000Z", "71"],
    ]);
    expect(tableOf(entries, "sources").map((row) => [row.source, row.label, row.status])).toEqual([
      ["garmin", "Watch 1", "active"],
    ]);

    // README.txt names every file and how to read it.
    const readme = entries.get("README.txt")!.toString("utf8");
    for (const name of [...entries.keys()].filter((entry) => entry.startsWith("data/"))) expect(readme).toContain(name);
    expect(readme.replace(/\s+/g, " ")).toContain("from 2026-11-01 to 2026-11-30 (local dates in Europe/Berlin");
    expect(readme).toMatch(/Kg = kilograms/);
    expect(readme).toMatch(/are UTC/);

    // Nothing of the stranger's, nor the person's own rows outside the range.
    for (const foreign of [stranger.user.id, stranger.run.id, stranger.ride.id, "Watch 2", "Run 2", person.old.id]) {
      expect(zip.includes(Buffer.from(foreign))).toBe(false);
    }
  });

  it("gives the same bytes twice, resumes from a Range, and has a new tag once a table changes", async () => {
    const person = await seedPerson(3);
    // A day of heart rate every 4 s: a table of many pages, and a zip larger than any buffer on the way.
    const dayStart = Date.parse("2026-11-24T00:00:00Z");
    for (let batch = 0; batch < 4; batch++) {
      await database.db.insert(samples).values(
        Array.from({ length: 5400 }, (_, i) => ({
          userId: person.user.id,
          provider: "polar",
          metric: "heart_rate",
          time: new Date(dayStart + (batch * 5400 + i) * 4000),
          value: 60 + (i % 90),
          unit: "bpm",
        })),
      );
    }
    const first = await get("?include=data", { cookie: person.cookie });
    const zip = await body(first);
    // No range: those 21,600 and the seed's four.
    expect(tableOf(entriesOf(zip), "samples")).toHaveLength(21_604);
    const etag = first.headers.get("etag")!;
    const again = await get("?include=data", { cookie: person.cookie });
    expect(again.headers.get("etag")).toBe(etag);
    expect((await body(again)).equals(zip)).toBe(true);
    // The activity-files zip of the same range is another file with another tag.
    expect((await get("", { cookie: person.cookie })).headers.get("etag")).not.toBe(etag);

    const offset = Math.floor(zip.length / 2) + 1;
    const resumed = await get("?include=data", { cookie: person.cookie, range: `bytes=${offset}-`, "if-range": etag });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get("content-range")).toBe(`bytes ${offset}-${zip.length - 1}/${zip.length}`);
    expect((await body(resumed)).equals(zip.subarray(offset))).toBe(true);
    // The tables wait in a spool while a zip is sent (here, one the client stops reading), and
    // none is left once the zips are sent or abandoned.
    const abandoned = await get("?include=data", { cookie: person.cookie });
    const reader = abandoned.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    expect((await fs.readdir(spoolParent)).some((name) => name.startsWith("qt-export-"))).toBe(true);
    await reader.cancel();
    await expect.poll(() => fs.readdir(spoolParent)).toEqual([]);

    // A weigh-in touches no activity, yet the account zip is another one now.
    await database.db.insert(bodyMeasurements).values({
      userId: person.user.id,
      connectionId: null,
      provider: "withings",
      measuredAt: at("2026-11-25T07:00:00Z"),
      weightKg: 68.5,
    });
    const stale = await get("?include=data", { cookie: person.cookie, range: `bytes=${offset}-`, "if-range": etag });
    expect(stale.status).toBe(200);
    expect(stale.headers.get("etag")).not.toBe(etag);
    const weights = tableOf(entriesOf(await body(stale)), "body-measurements").map((row) => row.weightKg);
    expect(weights).toContain("68.5");
  });

  it("takes a key with read, refuses one without (403), and names a bad include", async () => {
    const person = await seedPerson(4);
    const { key } = await createApiKey(database.db, { userId: person.user.id, name: "backup", scopes: ["read"] });
    const byKey = await get("?include=data", { "x-api-key": key });
    expect(byKey.status).toBe(200);
    expect(entriesOf(await body(byKey)).has("data/activities.csv")).toBe(true);
    const { key: phoneKey } = await createApiKey(database.db, {
      userId: person.user.id,
      name: "phone",
      scopes: ["ingest"],
    });
    const refused = await get("?include=data", { "x-api-key": phoneKey });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details.missingScope).toBe("read");
    expect((await get("?include=data", {})).status).toBe(401);
    const bad = await get("?include=everything", { cookie: person.cookie });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].field).toBe("include");
  });
});
