import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { remergeDays } from "@/lib/db/queries/merged-daily";
import { activities, bodyMeasurements, dailySummaries, samples, sleepSessions } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { listAiSharing, saveAiSharing, saveAiSharingSchema } from "@/lib/mcp/ai-sharing";
import { mcpHandler } from "@/lib/mcp/route";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { seedActivity } from "../files/seed";
import { serveJsonRoutes } from "../json-route-server";

const TOOL_NAMES = [
  "list_activities",
  "get_activity",
  "daily_metrics",
  "sleep",
  "body_measurements",
  "weekly_training_summary",
  "compare_sources",
];

const at = (iso: string) => new Date(iso);

describeEachDatabase("MCP server at /api/mcp", (database) => {
  let root: string;
  let server: Awaited<ReturnType<typeof serveJsonRoutes>>;
  const clients: Client[] = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-mcp-test-"));
    const store = new DiskFileStore(root);
    const handler = mcpHandler({
      getDb: async () => database.db,
      getStore: () => store,
      now: () => at("2026-11-25T12:00:00Z"),
      rateLimit: { limit: 10_000, windowMs: 60_000 },
    });
    server = await serveJsonRoutes({ "/api/mcp": { POST: handler, GET: handler, DELETE: handler } });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  /** The SDK's own client, connected with these headers (a key as the person's MCP client config would hold it). */
  async function connect(headers: Record<string, string>) {
    const client = new Client({ name: "qt-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
      requestInit: { headers },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    return result;
  }
  /** A successful call's answer; the text content is the same JSON as the structured content. */
  async function answer(client: Client, name: string, args: Record<string, unknown> = {}) {
    const result = await call(client, name, args);
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    expect(result.isError, text).toBeFalsy();
    expect(JSON.parse(text)).toEqual(result.structuredContent);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return result.structuredContent as any;
  }

  /** A person with Strava and Garmin activities, days from two sources, nights and weigh-ins; and a read key. */
  async function seedPerson(label: string) {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "MCP", scopes: ["read"] });
    const owner = { userId: user.id, connectionId: null };
    const stravaRuns = [
      await seedActivity(database.db, user.id, { name: `${label} Strava tempo`, startAt: at("2026-11-17T06:00:00Z") }),
      await seedActivity(database.db, user.id, { name: `${label} Strava long`, startAt: at("2026-11-22T07:00:00Z") }),
    ];
    const garminRun = await seedActivity(
      database.db,
      user.id,
      { name: `${label} Garmin intervals`, startAt: at("2026-11-19T06:00:00Z"), durationS: 3600, distanceM: 10_000 },
      "garmin",
    );
    const garminRide = await seedActivity(
      database.db,
      user.id,
      { name: `${label} Garmin ride`, type: "ride", startAt: at("2026-11-10T16:00:00Z"), distanceM: 30_000 },
      "garmin",
    );
    // 1,200 heart-rate samples over the hour of the intervals, one every 3 s.
    await database.db.insert(samples).values(
      Array.from({ length: 1200 }, (_, index) => ({
        userId: user.id,
        provider: "garmin",
        metric: "heart_rate",
        time: new Date(garminRun.startAt.getTime() + index * 3000),
        value: 120 + (index % 60),
        unit: "bpm",
      })),
    );
    await database.db.insert(dailySummaries).values([
      { ...owner, provider: "oura", localDate: "2026-11-20", steps: 9000 },
      { ...owner, provider: "garmin", localDate: "2026-11-20", steps: 9400 },
      { ...owner, provider: "garmin", localDate: "2026-11-21", steps: 12_000 },
    ]);
    await remergeDays(database.db, { userId: user.id, days: ["2026-11-20", "2026-11-21"], metrics: ["steps"] });
    await database.db.insert(sleepSessions).values({
      ...owner,
      provider: "oura",
      externalId: `night-${user.id}`,
      localDate: "2026-11-20",
      startAt: at("2026-11-19T22:30:00Z"),
      endAt: at("2026-11-20T06:00:00Z"),
      asleepS: 25_200,
      stages: [{ stage: "deep", startAt: "2026-11-19T23:00:00Z", endAt: "2026-11-19T23:40:00Z" }],
    });
    await database.db.insert(bodyMeasurements).values([
      { ...owner, provider: "fitbit", measuredAt: at("2026-11-20T07:00:00Z"), weightKg: 70.2 },
      { ...owner, provider: "garmin", measuredAt: at("2026-11-20T07:05:00Z"), weightKg: 70.6 },
      { ...owner, provider: "fitbit", measuredAt: at("2026-11-21T07:00:00Z"), weightKg: 70.0 },
    ]);
    return { user, key, stravaRuns, garminRun, garminRide };
  }

  it("lists its tools, each with an input schema", async () => {
    const person = await seedPerson("A");
    const client = await connect({ authorization: `Bearer ${person.key}` });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.description?.length).toBeGreaterThan(40);
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const listSchema = tools.find((tool) => tool.name === "list_activities")!.inputSchema;
    expect(Object.keys(listSchema.properties ?? {})).toEqual(["from", "to", "type", "source", "cursor", "limit"]);
  });

  it("answers every tool from the caller's own data, Strava withheld by default and said once", async () => {
    const person = await seedPerson("A");
    const stranger = await seedPerson("B");
    const client = await connect({ "x-api-key": person.key });

    const listed = await answer(client, "list_activities", {});
    expect(listed.activities.map((row: { name: string }) => row.name)).toEqual(["A Garmin intervals", "A Garmin ride"]);
    expect(listed.activities[0]).not.toHaveProperty("polyline");
    expect(listed.withheld).toEqual([
      { source: "strava", count: 2, reason: expect.stringMatching(/Strava's API terms/) },
    ]);
    const firstPage = await answer(client, "list_activities", { limit: 1 });
    expect(firstPage.activities).toHaveLength(1);
    const secondPage = await answer(client, "list_activities", { limit: 1, cursor: firstPage.nextCursor });
    expect(secondPage.activities.map((row: { name: string }) => row.name)).toEqual(["A Garmin ride"]);
    expect(secondPage).not.toHaveProperty("withheld");
    const askedForStrava = await answer(client, "list_activities", { source: "strava" });
    expect(askedForStrava.activities).toEqual([]);
    expect(askedForStrava.withheld[0].count).toBe(2);

    const detail = await answer(client, "get_activity", { id: person.garminRun.id });
    expect(detail.activity).toMatchObject({ name: "A Garmin intervals", source: "garmin", distanceM: 10_000 });
    const heartRate = detail.streams.series.find((series: { metric: string }) => series.metric === "heart_rate");
    expect(heartRate.recordedPoints).toBe(1200);
    expect(heartRate.points).toHaveLength(500);
    expect(heartRate.points[0]).toEqual([0, 120]);
    expect(heartRate.points.at(-1)).toEqual([3597, 179]);
    const fewer = await answer(client, "get_activity", { id: person.garminRun.id, maxPoints: 50 });
    expect(fewer.streams.series[0].points).toHaveLength(50);
    const strava = await answer(client, "get_activity", { id: person.stravaRuns[0]!.id });
    expect(strava).toMatchObject({ activity: null, withheld: [{ source: "strava", count: 1 }] });
    const theirs = await call(client, "get_activity", { id: stranger.garminRun.id });
    expect(theirs.isError).toBe(true);
    expect(theirs.content).toEqual([{ type: "text", text: "No activity with this id." }]);

    const steps = await answer(client, "daily_metrics", { metric: "steps", from: "2026-11-19", to: "2026-11-21" });
    expect(steps).toMatchObject({ metric: "steps", from: "2026-11-19", to: "2026-11-21" });
    expect(steps.days).toEqual([
      { date: "2026-11-20", merged: expect.any(Number), sources: { oura: 9000, garmin: 9400 } },
      { date: "2026-11-21", merged: 12_000, sources: { garmin: 12_000 } },
    ]);
    expect([9000, 9400]).toContain(steps.days[0].merged);
    const lastThirtyDays = await answer(client, "daily_metrics", { metric: "steps" });
    expect(lastThirtyDays).toMatchObject({ from: "2026-10-27", to: "2026-11-25" });

    const nights = await answer(client, "sleep", { from: "2026-11-01" });
    expect(nights.nights).toEqual([expect.objectContaining({ date: "2026-11-20", source: "oura", asleepS: 25_200 })]);
    expect(nights.nights[0]).not.toHaveProperty("stages");

    const weighIns = await answer(client, "body_measurements", { source: "fitbit" });
    expect(weighIns.measurements.map((row: { weightKg: number }) => row.weightKg)).toEqual([70.0, 70.2]);

    const weeks = await answer(client, "weekly_training_summary", { from: "2026-11-10", to: "2026-11-22" });
    expect(weeks.weeks).toEqual([
      {
        week: "2026-11-09",
        count: 1,
        distanceM: 30_000,
        durationS: 600,
        elevationGainM: 0,
        sports: { ride: { count: 1, distanceM: 30_000, durationS: 600, elevationGainM: 0 } },
        sources: ["garmin"],
      },
      {
        week: "2026-11-16",
        count: 1,
        distanceM: 10_000,
        durationS: 3600,
        elevationGainM: 0,
        sports: { run: { count: 1, distanceM: 10_000, durationS: 3600, elevationGainM: 0 } },
        sources: ["garmin"],
      },
    ]);
    expect(weeks.withheld).toEqual([expect.objectContaining({ source: "strava", count: 2 })]);

    const weight = await answer(client, "compare_sources", {
      metric: "weight",
      sourceA: "fitbit",
      sourceB: "garmin",
      from: "2026-11-19",
      to: "2026-11-21",
    });
    expect(weight.days).toEqual([
      { date: "2026-11-20", a: 70.2, b: 70.6, difference: 0.4 },
      { date: "2026-11-21", a: 70.0, b: null, difference: null },
    ]);
    expect(weight.summary).toMatchObject({ daysWithA: 2, daysWithB: 1, daysWithBoth: 1, meanDifference: 0.4 });
  });

  it("counts a workout linked across sources once, and a source's own records when asked for", async () => {
    const person = await seedPerson("A");
    // The same intervals as COROS recorded them: linked to the Garmin one as it is written.
    const copy = await seedActivity(
      database.db,
      person.user.id,
      { name: "A COROS intervals", startAt: at("2026-11-19T06:00:05Z"), durationS: 3600, distanceM: 10_010 },
      "coros",
    );
    const [stored] = await database.db.select().from(activities).where(eq(activities.id, copy.id));
    expect(stored!.mergedIntoId).toBe(person.garminRun.id);
    const client = await connect({ authorization: `Bearer ${person.key}` });

    const merged = await answer(client, "weekly_training_summary", { from: "2026-11-16", to: "2026-11-22" });
    expect(merged.weeks).toEqual([
      expect.objectContaining({ week: "2026-11-16", count: 1, distanceM: 10_000, sources: ["garmin"] }),
    ]);
    const corosOnly = await answer(client, "weekly_training_summary", {
      from: "2026-11-16",
      to: "2026-11-22",
      source: "coros",
    });
    expect(corosOnly.weeks).toEqual([
      expect.objectContaining({ week: "2026-11-16", count: 1, distanceM: 10_010, sources: ["coros"] }),
    ]);
    // A Strava copy of it too: withheld from AI by default, but not counted as withheld, since
    // the listing shows the workout once, from Garmin.
    const stravaCopy = await seedActivity(
      database.db,
      person.user.id,
      { name: "A Strava intervals", startAt: at("2026-11-19T06:00:03Z"), durationS: 3600, distanceM: 10_005 },
      "strava",
    );
    const [storedStrava] = await database.db.select().from(activities).where(eq(activities.id, stravaCopy.id));
    expect(storedStrava!.mergedIntoId).toBe(person.garminRun.id);
    const listed = await answer(client, "list_activities", { from: "2026-11-19", to: "2026-11-19" });
    expect(listed.activities.map((row: { name: string }) => row.name)).toEqual(["A Garmin intervals"]);
    expect(listed).not.toHaveProperty("withheld");
  });

  it("refuses a bad argument with a tool error naming the field", async () => {
    const person = await seedPerson("A");
    const client = await connect({ authorization: `Bearer ${person.key}` });
    const errorText = async (name: string, args: Record<string, unknown>) => {
      const result = await call(client, name, args);
      expect(result.isError).toBe(true);
      return result.content[0]?.type === "text" ? result.content[0].text : "";
    };
    expect(await errorText("list_activities", { from: "last tuesday" })).toMatch(/must be a date .* at from/);
    expect(await errorText("list_activities", { colour: "red" })).toMatch(/colour/);
    expect(await errorText("list_activities", { limit: 500 })).toMatch(/must be at most 100 at limit/);
    expect(await errorText("daily_metrics", { metric: "vo2max" })).toMatch(/must be one of .* at metric/);
    expect(await errorText("daily_metrics", { metric: "steps", from: "2024-01-01", to: "2026-01-01" })).toMatch(
      /^from: the range may span at most 366 days/,
    );
    expect(await errorText("get_activity", { id: "not-an-id" })).toMatch(/at id/);
    expect(await errorText("compare_sources", { metric: "weight", sourceA: "fitbit", sourceB: "fitbit" })).toMatch(
      /must differ from sourceA at sourceB/,
    );
    expect(await errorText("weekly_training_summary", { from: "2025-01-01", to: "2026-11-01" })).toMatch(
      /^from: the range may span at most 52 weeks/,
    );
  });

  it("refuses a request without a key (401 with a challenge) and a key without read (403)", async () => {
    const person = await seedPerson("A");
    const noKey = await connect({}).catch((error: unknown) => error);
    expect(noKey).toMatchObject({ code: 401 });
    const wrongKey = await connect({ authorization: "Bearer qt_not_a_real_key" }).catch((error: unknown) => error);
    expect(wrongKey).toMatchObject({ code: 401 });

    const bare = await fetch(`${server.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toBe('Bearer realm="QT.run"');

    const { key: ingestKey } = await createApiKey(database.db, {
      userId: person.user.id,
      name: "Phone",
      scopes: ["ingest"],
    });
    const forbidden = await connect({ authorization: `Bearer ${ingestKey}` }).catch((error: unknown) => error);
    expect(forbidden).toMatchObject({ code: 403 });
    expect(String(forbidden)).toMatch(/read/);

    const get = await fetch(`${server.url}/api/mcp`, { headers: { "x-api-key": person.key } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("counts each request against the key's rate limit: 429 with Retry-After past it", async () => {
    const person = await seedPerson("A");
    const tight = await serveJsonRoutes({
      "/api/mcp": {
        POST: mcpHandler({
          getDb: async () => database.db,
          getStore: () => new DiskFileStore(root),
          now: () => at("2026-11-25T12:00:00Z"),
          rateLimit: { limit: 2, windowMs: 60_000 },
        }),
      },
    });
    try {
      const post = () =>
        fetch(`${tight.url}/api/mcp`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${person.key}`,
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
        });
      const first = await post();
      expect(first.status).toBe(200);
      expect(first.headers.get("ratelimit-remaining")).toBe("1");
      expect((await first.json()).result.tools).toHaveLength(TOOL_NAMES.length);
      expect((await post()).status).toBe(200);
      const spent = await post();
      expect(spent.status).toBe(429);
      expect(Number(spent.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });

  it("shares Strava once the person opts in, and withholds a source they opt out of", async () => {
    const person = await seedPerson("A");
    expect(await listAiSharing(database.db, { userId: person.user.id })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: "strava", isAllowed: false, restriction: expect.stringMatching(/Strava/) }),
        expect.objectContaining({ provider: "garmin", isAllowed: true, restriction: null }),
      ]),
    );
    await saveAiSharing(database.db, {
      userId: person.user.id,
      input: { listed: ["strava", "garmin", "oura"], allowed: ["strava", "oura"] },
    });
    const refused = saveAiSharingSchema.safeParse({ listed: ["oura"], allowed: ["strava"] });
    expect(refused.error?.issues[0]?.path).toEqual(["allowed"]);
    const client = await connect({ "x-api-key": person.key });
    const listed = await answer(client, "list_activities", {});
    expect(listed.activities.map((row: { name: string }) => row.name)).toEqual(["A Strava long", "A Strava tempo"]);
    expect(listed.withheld).toEqual([
      { source: "garmin", count: 2, reason: expect.stringMatching(/You chose not to share Garmin/) },
    ]);
    const steps = await answer(client, "daily_metrics", { metric: "steps", from: "2026-11-20", to: "2026-11-21" });
    // The 21st's merged value is Garmin's alone: left out with it.
    expect(steps.days.find((day: { date: string }) => day.date === "2026-11-21")).toBeUndefined();
    expect(steps.days[0]).toMatchObject({ date: "2026-11-20" });
    expect(steps.days[0].sources).toEqual({ oura: 9000 });
    expect([undefined, 9000]).toContain(steps.days[0].merged);
    expect(steps.withheld).toEqual([expect.objectContaining({ source: "garmin", count: 2 })]);
    const garminRun = await answer(client, "get_activity", { id: person.garminRun.id });
    expect(garminRun.activity).toBeNull();
  });
});
