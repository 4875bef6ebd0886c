import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { ENDPOINTS } from "@/lib/api-v1/endpoints";
import { apiV1Handlers, type ApiV1Dependencies } from "@/lib/api-v1/route";
import { createApiKey, revokeApiKey } from "@/lib/db/queries/api-keys";
import { remergeDays } from "@/lib/db/queries/merged-daily";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { bodyMeasurements, dailySummaries, samples, sleepSessions } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { seedActivity, seedOriginal, sessionCookie } from "../files/seed";
import { serveRoutes } from "../route-server";

const ROUTES = {
  "/api/v1/activities": "listActivities",
  "/api/v1/activities/:id": "getActivity",
  "/api/v1/daily-metrics": "listDailyMetrics",
  "/api/v1/sleep": "listSleep",
  "/api/v1/samples": "listSamples",
  "/api/v1/body-measurements": "listBodyMeasurements",
  "/api/v1/sources": "listSources",
  "/api/v1/export/:table": "exportTable",
} as const;

type Headers = Record<string, string>;

const at = (iso: string) => new Date(iso);

describeEachDatabase("/api/v1 read API", (database) => {
  let root: string;
  let clock = at("2026-12-01T12:00:00Z");
  const servers: Array<Awaited<ReturnType<typeof serveRoutes>>> = [];
  let main: Awaited<ReturnType<typeof serveRoutes>>;
  let tight: Awaited<ReturnType<typeof serveRoutes>>;

  async function serve(rateLimit: ApiV1Dependencies["rateLimit"]) {
    const store = new DiskFileStore(root);
    const handlers = apiV1Handlers({
      getDb: async () => database.db,
      getStore: () => store,
      now: () => clock,
      rateLimit,
    });
    const server = await serveRoutes({
      ...Object.fromEntries(Object.entries(ROUTES).map(([pattern, name]) => [pattern, handlers[name]!])),
      "/api/v1/openapi.json": async () => getOpenApi(),
    });
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-api-v1-test-"));
    main = await serve({ limit: 10_000, windowMs: 60_000 });
    tight = await serve({ limit: 3, windowMs: 60_000 });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const get = (pathAndQuery: string, headers: Headers, server = main) =>
    fetch(`${server.url}${pathAndQuery}`, { headers });
  const json = async (pathAndQuery: string, headers: Headers) => {
    const response = await get(pathAndQuery, headers);
    expect(response.status, `${pathAndQuery}: ${response.status}`).toBe(200);
    return response.json();
  };

  // The served document's response schemas, to check every real answer against.
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; formats (uuid, date-time, date) are checked too.
  const ajv = addFormats(new Ajv2020({ allErrors: true }));
  const openApi = getOpenApi().json() as Promise<{ components: { schemas: Record<string, object> } }>;
  async function expectDocumented(name: string, body: unknown) {
    const schema = (await openApi).components.schemas[`${name[0]!.toUpperCase()}${name.slice(1)}Response`]!;
    const validate = ajv.compile(schema);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  }

  /** A person with data from two sources in every table, and a key that may read. */
  async function seedPerson() {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "MCP", scopes: ["read"] });
    const owner = { userId: user.id, connectionId: null };
    const runs = [
      await seedActivity(database.db, user.id, { name: "Tempo", startAt: at("2026-11-20T06:00:00Z") }),
      await seedActivity(database.db, user.id, { name: "Long run", startAt: at("2026-11-22T07:00:00Z") }),
      await seedActivity(database.db, user.id, { name: "=HYPERLINK(1)", startAt: at("2026-11-21T06:00:00Z") }),
      await seedActivity(
        database.db,
        user.id,
        { name: "Ride", type: "ride", startAt: at("2026-11-21T16:00:00Z") },
        "garmin",
      ),
    ];
    await database.db.insert(dailySummaries).values([
      { ...owner, provider: "oura", localDate: "2026-11-20", steps: 9000, restingHeartRateBpm: 48 },
      { ...owner, provider: "garmin", localDate: "2026-11-20", steps: 9400, distanceM: 7000 },
      { ...owner, provider: "oura", localDate: "2026-11-21", steps: 12000 },
    ]);
    // Written straight into the table, so merged as a write would merge them.
    await remergeDays(database.db, { userId: user.id, days: ["2026-11-20", "2026-11-21"] });
    await database.db.insert(sleepSessions).values([
      {
        ...owner,
        provider: "oura",
        externalId: `night-${user.id}-1`,
        localDate: "2026-11-20",
        startAt: at("2026-11-19T22:30:00Z"),
        endAt: at("2026-11-20T06:00:00Z"),
        utcOffsetSeconds: 3600,
        asleepS: 25_200,
        stages: [{ stage: "deep", startAt: "2026-11-19T23:00:00Z", endAt: "2026-11-19T23:40:00Z" }],
      },
      {
        ...owner,
        provider: "whoop",
        externalId: `night-${user.id}-2`,
        localDate: "2026-11-21",
        startAt: at("2026-11-20T23:00:00Z"),
        endAt: at("2026-11-21T06:30:00Z"),
        utcOffsetSeconds: -18_000,
      },
    ]);
    // Heart rate inside the Tempo run (06:00-06:10) from a watch and a chest strap, and one outside.
    await database.db.insert(samples).values([
      ...[0, 60, 120].map((second) => ({
        userId: user.id,
        provider: "apple_health",
        sourceId: "Watch",
        metric: "heart_rate",
        time: new Date(Date.parse("2026-11-20T06:00:00Z") + second * 1000),
        value: 140 + second / 60,
        unit: "bpm",
      })),
      {
        userId: user.id,
        provider: "polar",
        metric: "heart_rate",
        time: at("2026-11-20T06:01:00Z"),
        value: 142,
        unit: "bpm",
      },
      {
        userId: user.id,
        provider: "oura",
        metric: "heart_rate",
        time: at("2026-11-23T03:00:00Z"),
        value: 50,
        unit: "bpm",
      },
      { userId: user.id, provider: "oura", metric: "hrv", time: at("2026-11-23T03:00:00Z"), value: 62, unit: "ms" },
    ]);
    await database.db.insert(bodyMeasurements).values([
      { ...owner, provider: "fitbit", measuredAt: at("2026-11-20T07:00:00Z"), weightKg: 70.2, bmi: 21.7 },
      { ...owner, provider: "withings", measuredAt: at("2026-11-21T07:00:00Z"), weightKg: 70.0 },
    ]);
    return { user, runs, key: { "x-api-key": key }, session: { cookie: await sessionCookie(user.id) } };
  }

  it("pages activities newest first by an opaque cursor, with no row twice or missed, and filters them", async () => {
    const person = await seedPerson();
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await json(`/api/v1/activities?limit=3${cursor ? `&cursor=${cursor}` : ""}`, person.key);
      await expectDocumented("listActivities", page);
      seen.push(...page.data.map((row: { name: string }) => row.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["Long run", "Ride", "=HYPERLINK(1)", "Tempo"]);

    const first = (await json("/api/v1/activities?limit=1", person.session)).data[0];
    expect(first).toMatchObject({
      name: "Long run",
      source: "strava",
      type: "run",
      startAt: "2026-11-22T07:00:00.000Z",
      startLocal: "2026-11-22T08:00:00+01:00",
      utcOffsetSeconds: 3600,
      durationS: 600,
      distanceM: 2000,
    });
    const names = async (query: string) =>
      (await json(`/api/v1/activities?${query}`, person.key)).data.map((row: { name: string }) => row.name);
    expect(await names("source=garmin")).toEqual(["Ride"]);
    expect(await names("type=run&from=2026-11-21&to=2026-11-21")).toEqual(["=HYPERLINK(1)"]);
    expect(await names("from=2026-11-21T12:00:00Z&to=2026-11-22T07:00:00Z")).toEqual(["Ride"]);
  });

  it("gives one activity with its streams: the kept file's channels, else samples per source; 404 when not yours", async () => {
    const person = await seedPerson();
    const [tempo, , , ride] = person.runs;
    const fromSamples = await json(`/api/v1/activities/${tempo!.id}`, person.key);
    await expectDocumented("getActivity", fromSamples);
    expect(fromSamples.activity).toMatchObject({ id: tempo!.id, name: "Tempo" });
    expect(fromSamples.streams.origin).toBe("samples");
    const bySource = Object.fromEntries(
      fromSamples.streams.series.map((series: { source: string; values: number[] }) => [series.source, series.values]),
    );
    expect(bySource).toEqual({ apple_health: [140, 141, 142], polar: [142] });

    await seedOriginal(database.db, new DiskFileStore(root), ride!);
    const fromFile = await json(`/api/v1/activities/${ride!.id}`, person.key);
    await expectDocumented("getActivity", fromFile);
    expect(fromFile.streams.origin).toBe("file");
    const metrics = fromFile.streams.series.map((series: { metric: string }) => series.metric);
    expect(metrics).toEqual(expect.arrayContaining(["latitude", "longitude"]));
    for (const series of fromFile.streams.series) expect(series.times).toHaveLength(series.values.length);

    const stranger = await seedPerson();
    const refused = await get(`/api/v1/activities/${tempo!.id}`, stranger.key);
    expect(refused.status).toBe(404);
    const malformed = await get("/api/v1/activities/not-an-id", person.key);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.issues[0].field).toBe("id");
  });

  it("reads daily metrics, sleep, samples and body measurements in SI units and ISO times, all sources or one", async () => {
    const person = await seedPerson();
    // No source: one merged row a day, each value explained.
    const daily = await json("/api/v1/daily-metrics", person.key);
    await expectDocumented("listDailyMetrics", daily);
    expect(daily.data.map((row: { date: string; source: string }) => `${row.date} ${row.source}`)).toEqual([
      "2026-11-21 merged",
      "2026-11-20 merged",
    ]);
    expect(daily.data[1]).toMatchObject({
      id: null,
      steps: 9400,
      distanceM: 7000,
      restingHeartRateBpm: 48,
      hrvMs: null,
      explanations: {
        steps: {
          source: "garmin",
          method: "priority",
          text: "Steps 9,400 = Garmin 9,400 (first in the order of sources); not counted: Oura 9,000",
          others: [{ source: "oura", sourceId: "", value: 9000 }],
        },
        restingHeartRateBpm: { source: "oura" },
      },
    });
    const firstDay = await json("/api/v1/daily-metrics?limit=1", person.key);
    const nextDay = await json(`/api/v1/daily-metrics?limit=1&cursor=${firstDay.nextCursor}`, person.key);
    expect(nextDay.data.map((row: { date: string }) => row.date)).toEqual(["2026-11-20"]);
    expect(nextDay.nextCursor).toBeNull();
    const perSource = await json("/api/v1/export/daily-metrics?format=json", person.key);
    expect(perSource).toHaveLength(3);
    const garminDay = await json("/api/v1/daily-metrics?source=garmin", person.key);
    expect(garminDay.data).toEqual([
      expect.objectContaining({ steps: 9400, distanceM: 7000, source: "garmin", explanations: null }),
    ]);
    await expectDocumented("listDailyMetrics", garminDay);
    expect((await json("/api/v1/daily-metrics?from=2026-11-21", person.key)).data).toHaveLength(1);

    const sleep = await json("/api/v1/sleep", person.key);
    await expectDocumented("listSleep", sleep);
    expect(sleep.data[1]).toMatchObject({
      date: "2026-11-20",
      source: "oura",
      startAt: "2026-11-19T22:30:00.000Z",
      startLocal: "2026-11-19T23:30:00+01:00",
      endLocal: "2026-11-20T07:00:00+01:00",
      asleepS: 25_200,
      stages: [{ stage: "deep" }],
    });
    expect(sleep.data[0]).toMatchObject({ source: "whoop", startLocal: "2026-11-20T18:00:00-05:00" });
    expect((await json("/api/v1/sleep?source=whoop", person.key)).data).toHaveLength(1);

    const heartRate = await json("/api/v1/samples?metric=heart_rate&limit=2", person.key);
    await expectDocumented("listSamples", heartRate);
    expect(heartRate.data[0]).toEqual({
      metric: "heart_rate",
      source: "oura",
      sourceId: "",
      time: "2026-11-23T03:00:00.000Z",
      endTime: null,
      value: 50,
      unit: "bpm",
    });
    const rest = await json(`/api/v1/samples?metric=heart_rate&cursor=${heartRate.nextCursor}`, person.key);
    expect(rest.data).toHaveLength(3);
    expect(rest.nextCursor).toBeNull();
    expect((await json("/api/v1/samples?metric=heart_rate&source=polar", person.key)).data).toHaveLength(1);

    const body = await json("/api/v1/body-measurements", person.key);
    await expectDocumented("listBodyMeasurements", body);
    expect(body.data).toEqual([
      expect.objectContaining({ source: "withings", weightKg: 70, measuredAt: "2026-11-21T07:00:00.000Z" }),
      expect.objectContaining({ source: "fitbit", weightKg: 70.2, bmi: 21.7 }),
    ]);

    // Garmin recorded Oura's night and Withings' weigh-in too, and comes first in the order:
    // without a source each is listed once, as Garmin's; with one, each source keeps its own.
    await upsertRecordBatch(
      database.db,
      { userId: person.user.id, connectionId: null, provider: "garmin", sourceId: "" },
      {
        sleepSessions: [
          {
            externalId: "garmin-night",
            localDate: "2026-11-20",
            startAt: at("2026-11-19T22:35:00Z"),
            endAt: at("2026-11-20T06:05:00Z"),
            asleepS: 25_500,
          },
        ],
        bodyMeasurements: [{ measuredAt: at("2026-11-21T07:01:00Z"), weightKg: 70.01 }],
      },
    );
    const merged = await json("/api/v1/sleep", person.key);
    await expectDocumented("listSleep", merged);
    expect(merged.data.map((night: { source: string }) => night.source)).toEqual(["whoop", "garmin"]);
    expect((await json("/api/v1/sleep?source=oura", person.key)).data).toHaveLength(1);
    expect(await (await get("/api/v1/export/sleep?format=json", person.key)).json()).toHaveLength(3);
    const weighIns = await json("/api/v1/body-measurements", person.key);
    await expectDocumented("listBodyMeasurements", weighIns);
    expect(weighIns.data.map((row: { source: string }) => row.source)).toEqual(["garmin", "fitbit"]);
    expect((await json("/api/v1/body-measurements?source=withings", person.key)).data).toHaveLength(1);

    const sources = await json("/api/v1/sources", person.key);
    await expectDocumented("listSources", sources);
    expect(sources).toMatchObject({ activitySources: ["garmin", "strava"], sampleMetrics: ["heart_rate", "hrv"] });
  });

  it("never shows one person's data to another person's key", async () => {
    const person = await seedPerson();
    const stranger = await seedPerson();
    const personIds = new Set(person.runs.map((run) => run.id));
    for (const pathAndQuery of [
      "/api/v1/activities",
      "/api/v1/daily-metrics",
      "/api/v1/sleep",
      "/api/v1/samples?metric=heart_rate",
      "/api/v1/body-measurements",
    ]) {
      const mine = await json(pathAndQuery, stranger.key);
      const theirs = await json(pathAndQuery, person.key);
      // Each sees exactly their own seed: equal counts, and none of the other's rows.
      expect(mine.data.length).toBe(theirs.data.length);
      expect(JSON.stringify(mine.data)).not.toContain(person.user.id);
      for (const row of mine.data) expect(personIds.has(row.id)).toBe(false);
    }
    const exported = await (await get("/api/v1/export/activities?format=json", stranger.key)).json();
    expect(exported.some((row: { id: string }) => personIds.has(row.id))).toBe(false);
    expect(exported).toHaveLength(4);
  });

  it("refuses unknown parameters, backwards ranges, bad cursors and limits with a 400 naming the field", async () => {
    const person = await seedPerson();
    const fieldOf = async (pathAndQuery: string) => {
      const response = await get(pathAndQuery, person.key);
      expect(response.status, pathAndQuery).toBe(400);
      return (await response.json()).error.issues[0].field;
    };
    expect(await fieldOf("/api/v1/activities?sport=run")).toBe("sport");
    expect(await fieldOf("/api/v1/activities?from=2026-11-22&to=2026-11-20")).toBe("from");
    expect(await fieldOf("/api/v1/activities?from=yesterday")).toBe("from");
    expect(await fieldOf("/api/v1/activities?limit=201")).toBe("limit");
    expect(await fieldOf("/api/v1/activities?cursor=bm90LWEtY3Vyc29y")).toBe("cursor");
    expect(await fieldOf("/api/v1/sleep?to=2026-11-20T00:00:00Z")).toBe("to");
    expect(await fieldOf("/api/v1/samples")).toBe("metric");
    expect(await fieldOf("/api/v1/sources?verbose=1")).toBe("verbose");
    expect(await fieldOf("/api/v1/export/passwords")).toBe("table");
    expect(await fieldOf("/api/v1/export/samples")).toBe("metric");
    expect(await fieldOf("/api/v1/export/sleep?format=xml")).toBe("format");
  });

  it("takes a session or a key with the read scope: 401 without either, 403 naming the scope for an ingest key", async () => {
    const person = await seedPerson();
    expect((await get("/api/v1/activities", {})).status).toBe(401);
    const { key: phoneKey } = await createApiKey(database.db, {
      userId: person.user.id,
      name: "phone",
      scopes: ["ingest", "write"],
    });
    const forbidden = await get("/api/v1/activities", { "x-api-key": phoneKey });
    expect(forbidden.status).toBe(403);
    const body = await forbidden.json();
    expect(body.error).toMatchObject({ code: "FORBIDDEN", details: { missingScope: "read" } });
    expect(body.error.message).toContain('"read"');
    expect((await get("/api/v1/export/activities", { "x-api-key": phoneKey })).status).toBe(403);

    const { key, apiKey } = await createApiKey(database.db, { userId: person.user.id, name: "old", scopes: ["read"] });
    expect((await get("/api/v1/sources", { "x-api-key": key })).status).toBe(200);
    await revokeApiKey(database.db, { userId: person.user.id, apiKeyId: apiKey.id });
    // A revoked key is refused even beside a valid session: the key decides.
    expect((await get("/api/v1/sources", { "x-api-key": key, ...person.session })).status).toBe(401);
  });

  it("limits each key per window with RateLimit headers, then 429 with Retry-After until the window starts over", async () => {
    const person = await seedPerson();
    const { key: other } = await createApiKey(database.db, { userId: person.user.id, name: "other", scopes: ["read"] });
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const response = await get("/api/v1/sources", person.key, tight);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("3");
      remaining.push(response.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await get("/api/v1/sources", person.key, tight);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    // Per key: the same person's other key has its own budget.
    expect((await get("/api/v1/sources", { "x-api-key": other }, tight)).status).toBe(200);

    clock = new Date(clock.getTime() + 61_000);
    const fresh = await get("/api/v1/sources", person.key, tight);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("ratelimit-remaining")).toBe("2");
  });

  it("exports a table as CSV or JSON for a range, streamed across pages, the same rows the API pages give", async () => {
    const person = await seedPerson();
    const csvResponse = await get("/api/v1/export/activities?format=csv&from=2026-11-21&to=2026-11-22", person.key);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toContain(
      "qt-run-activities-from-2026-11-21-to-2026-11-22.csv",
    );
    const lines = (await csvResponse.text()).trimEnd().split("\n");
    expect(lines[0]!.split(",").slice(0, 4)).toEqual(["id", "source", "externalId", "type"]);
    expect(lines).toHaveLength(4);
    // A name a spreadsheet would run as a formula is written as text.
    expect(lines.find((line) => line.includes("HYPERLINK"))).toContain(",'=HYPERLINK(1),");

    // Enough samples to take several of the export's pages.
    const base = Date.parse("2026-10-01T00:00:00Z");
    const many = Array.from({ length: 2_500 }, (_, i) => ({
      userId: person.user.id,
      provider: "garmin",
      metric: "steps",
      time: new Date(base + i * 60_000),
      value: i,
      unit: "count",
    }));
    await database.db.insert(samples).values(many);
    const exported = (await (
      await get("/api/v1/export/samples?format=json&metric=steps", person.key)
    ).json()) as Array<{
      value: number;
    }>;
    expect(exported).toHaveLength(2_500);
    expect(new Set(exported.map((row) => row.value)).size).toBe(2_500);
    expect(exported[0]!.value).toBe(2_499);

    const apiPage = await json("/api/v1/body-measurements", person.key);
    const bodyExport = await (await get("/api/v1/export/body-measurements?format=json", person.key)).json();
    expect(bodyExport).toEqual(apiPage.data);
    const emptyCsv = await get("/api/v1/export/sleep?from=2030-01-01", person.key);
    expect((await emptyCsv.text()).split("\n")[0]).toMatch(/^id,source,sourceId,externalId,date,/);
  });

  it("publishes an OpenAPI 3.1 document of every endpoint, built from the schemas the routes enforce", async () => {
    const response = await get("/api/v1/openapi.json", {});
    expect(response.status).toBe(200);
    const document = await response.json();
    const jsonSchema = z.record(z.string(), z.unknown());
    const operation = z.strictObject({
      operationId: z.string(),
      summary: z.string().min(1),
      description: z.string().optional(),
      parameters: z.array(
        z.strictObject({
          name: z.string(),
          in: z.enum(["query", "path"]),
          required: z.boolean(),
          description: z.string().optional(),
          schema: jsonSchema,
        }),
      ),
      responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.record(z.string(), z.unknown())),
    });
    const parsed = z
      .object({
        openapi: z.literal("3.1.0"),
        info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
        paths: z.record(z.string().startsWith("/api/v1/"), z.strictObject({ get: operation })),
        components: z.object({
          schemas: z.record(z.string(), jsonSchema),
          securitySchemes: z.record(z.string(), z.object({ type: z.string() })),
        }),
        security: z.array(z.record(z.string(), z.array(z.string()))),
      })
      .parse(document);

    expect(Object.keys(parsed.paths).sort()).toEqual(ENDPOINTS.map((endpoint) => endpoint.path).sort());
    const refs = JSON.stringify(document).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const [, , kind, name] = JSON.parse(ref).split("/");
      expect(document.components[kind][name], ref).toBeDefined();
    }
    for (const [name, schema] of Object.entries(parsed.components.schemas)) {
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
    // Path parameters match the {names} in the path; query parameters are exactly what the route accepts.
    const activities = parsed.paths["/api/v1/activities"]!.get;
    expect(activities.parameters.map((parameter) => parameter.name)).toEqual([
      "source",
      "type",
      "from",
      "to",
      "cursor",
      "limit",
    ]);
    expect(activities.parameters.every((parameter) => !parameter.required)).toBe(true);
    const samplesOperation = parsed.paths["/api/v1/samples"]!.get;
    expect(samplesOperation.parameters.find((parameter) => parameter.name === "metric")?.required).toBe(true);
    for (const [pathName, item] of Object.entries(parsed.paths)) {
      const inPath = [...pathName.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(item.get.parameters.filter((parameter) => parameter.in === "path").map((p) => p.name)).toEqual(inPath);
    }
  });
});
