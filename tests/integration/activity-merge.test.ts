import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { findActivitiesPage } from "@/lib/db/queries/activities";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { summarizeWeek } from "@/lib/db/queries/overview";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { ingestBody } from "@/lib/ingest/ingest";
import { activityLinkRoutes } from "@/lib/merge/activities/routes";
import { transformGarminActivity } from "@/lib/providers/garmin/transform";
import { transformStravaActivity } from "@/lib/providers/strava/transform";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { healthAutoExportBody } from "../fixtures/health-auto-export";
import { serveJsonRoutes } from "../json-route-server";

// Payloads in the providers' documented shapes (shared/providers/garmin.md, strava.md).
const garminRun = (overrides: Record<string, unknown> = {}) => ({
  summaryId: "18273645-detail",
  activityId: 18273645,
  activityName: "Morning Run",
  activityType: "RUNNING",
  startTimeInSeconds: Date.parse("2026-11-18T06:02:11Z") / 1000,
  startTimeOffsetInSeconds: 3600,
  durationInSeconds: 4120,
  distanceInMeters: 12_034.5,
  averageHeartRateInBeatsPerMinute: 148,
  deviceName: "Forerunner 965",
  ...overrides,
});
const stravaRun = (overrides: Record<string, unknown> = {}) => ({
  id: 12_345_678_901,
  name: "Morning Run",
  type: "Run",
  sport_type: "Run",
  start_date: "2026-11-18T06:02:15Z",
  utc_offset: 3600,
  elapsed_time: 4120,
  moving_time: 3950,
  distance: 12_110,
  average_heartrate: 148.2,
  ...overrides,
});

const owner = (userId: string, provider: string) => ({ userId, connectionId: null, provider, sourceId: "" });

describeEachDatabase("linking copies of one activity", (database) => {
  let server: Awaited<ReturnType<typeof serveJsonRoutes>> | undefined;
  beforeAll(async () => {
    const routes = activityLinkRoutes({ getDb: async () => database.db });
    server = await serveJsonRoutes({
      "/api/activities/:id/links": { GET: routes.get },
      "/api/activities/links": { POST: routes.join, DELETE: routes.split },
      "/api/activities/source-order": { GET: routes.getSourceOrder, PUT: routes.putSourceOrder },
    });
  });
  afterAll(() => server?.close());

  const call = async (path: string, headers: Record<string, string>, method = "GET", body?: unknown) =>
    fetch(`${server!.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function person() {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["read", "write"] });
    const session = await encode({ token: { sub: user.id, sessionVersion: 0 }, secret: getAuthSecret() });
    return { user, key: { "x-api-key": key }, session: { cookie: `next-auth.session-token=${session}` } };
  }
  const listed = async (userId: string, provider?: string) =>
    (
      await findActivitiesPage(database.db, {
        userId,
        filters: provider ? { provider } : {},
        timeZone: "UTC",
        limit: 50,
      })
    ).rows;
  const writeGarmin = (userId: string, raw = garminRun()) =>
    upsertRecordBatch(database.db, owner(userId, "garmin"), { activities: [transformGarminActivity(raw as never)] });
  const writeStrava = (userId: string, raw = stravaRun()) =>
    upsertRecordBatch(database.db, owner(userId, "strava"), { activities: [transformStravaActivity(raw as never)] });

  it("links a Garmin run and the Strava copy that names its upload, and explains why", async () => {
    const me = await person();
    // The copy arrives first: the link is made when the origin is written, whichever comes last.
    await writeStrava(me.user.id, stravaRun({ external_id: "garmin_push_18273645" }));
    await writeGarmin(me.user.id);

    const rows = await listed(me.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "garmin", alsoOn: ["strava"] });
    const week = await summarizeWeek(database.db, {
      userId: me.user.id,
      timeZone: "UTC",
      now: new Date("2026-11-19T12:00:00Z"),
    });
    expect(week).toEqual([{ type: "run", sessions: 1, durationS: 4120, distanceM: 12_034.5 }]);

    const { links } = await (await call(`/api/activities/${rows[0]!.id}/links`, me.key)).json();
    expect(links.alsoOn).toEqual(["Strava"]);
    expect(links.copies.map((copy: { source: string; distanceM: number }) => [copy.source, copy.distanceM])).toEqual([
      ["Garmin", 12_034.5],
      ["Strava", 12_110],
    ]);
    expect(links.links).toEqual([
      expect.objectContaining({
        method: "external_id",
        explanation:
          "Linked: Garmin 'Morning Run' and Strava 'Morning Run' (start 4 s apart, distance within 0.6%, Strava names the Garmin upload)",
      }),
    ]);
    // Asked for Strava's rows, the list shows Strava's own copy.
    expect((await listed(me.user.id, "strava")).map((row) => row.provider)).toEqual(["strava"]);
  });

  it("links an Apple Watch run pushed from the phone and a Strava copy without an id by score", async () => {
    const me = await person();
    await ingestBody(database.db, {
      userId: me.user.id,
      apiKeyId: null,
      contentType: "application/json",
      body: Buffer.from(JSON.stringify(healthAutoExportBody())),
    });
    // Health Auto Export's run: 2026-11-20 07:00 +0100, 45 min, 8.2 km.
    await writeStrava(
      me.user.id,
      stravaRun({
        id: 555,
        name: "Morning Run",
        start_date: "2026-11-20T06:00:09Z",
        elapsed_time: 2712,
        distance: 8240,
      }),
    );
    const rows = await listed(me.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "apple_health", alsoOn: ["strava"] });
    const { links } = await (await call(`/api/activities/${rows[0]!.id}/links`, me.session)).json();
    expect(links.links).toEqual([
      expect.objectContaining({
        method: "scored",
        explanation: "Linked: Apple Health 'Running' and Strava 'Morning Run' (start 9 s apart, distance within 0.5%)",
      }),
    ]);
  });

  it("keeps two runs ten minutes apart as two activities", async () => {
    const me = await person();
    await writeGarmin(me.user.id);
    await writeStrava(me.user.id, stravaRun({ start_date: "2026-11-18T06:12:11Z" }));
    const rows = await listed(me.user.id);
    expect(rows.map((row) => [row.provider, row.alsoOn])).toEqual([
      ["strava", []],
      ["garmin", []],
    ]);
  });

  it("keeps a split through every re-sync, and a link made by hand", async () => {
    const me = await person();
    await writeGarmin(me.user.id);
    await writeStrava(me.user.id);
    const [garmin] = await listed(me.user.id);
    const strava = (await listed(me.user.id, "strava"))[0]!;
    expect(garmin!.alsoOn).toEqual(["strava"]);

    const split = await call("/api/activities/links", me.key, "DELETE", { activityId: strava.id });
    expect(split.status).toBe(200);
    expect((await split.json()).links.copies).toHaveLength(1);
    expect(await listed(me.user.id)).toHaveLength(2);

    // A re-sync that changes both rows (a new title, a recomputed distance) matches them again: still apart.
    await writeStrava(me.user.id, stravaRun({ name: "Morning Run (edited)", distance: 12_100 }));
    await writeGarmin(me.user.id, garminRun({ activityName: "Morning Run 2" }));
    expect((await listed(me.user.id)).map((row) => row.alsoOn)).toEqual([[], []]);

    // Linked by hand, they stay one through a re-sync too, and the explanation says who linked them.
    const joined = await call("/api/activities/links", me.session, "POST", {
      activityId: strava.id,
      otherActivityId: garmin!.id,
    });
    expect(joined.status).toBe(200);
    await writeStrava(me.user.id, stravaRun({ name: "Morning Run (again)" }));
    const rows = await listed(me.user.id);
    expect(rows).toHaveLength(1);
    const { links } = await (await call(`/api/activities/${rows[0]!.id}/links`, me.key)).json();
    expect(links.links.map((link: { explanation: string }) => link.explanation)).toEqual([
      "Linked: Garmin 'Morning Run 2' and Strava 'Morning Run (again)' (start 4 s apart, distance within 0.5%, linked by you)",
    ]);
  });

  it("chooses the primary by the person's order of sources for the sport", async () => {
    const me = await person();
    await writeGarmin(me.user.id);
    await writeStrava(me.user.id);
    expect((await listed(me.user.id))[0]!.provider).toBe("garmin");
    const saved = await call("/api/activities/source-order", me.key, "PUT", {
      sport: "run",
      providers: ["strava", "garmin"],
    });
    expect(saved.status).toBe(200);
    expect((await listed(me.user.id)).map((row) => [row.provider, row.alsoOn])).toEqual([["strava", ["garmin"]]]);
    // Rides keep the default order; a sport that is not one is refused by name.
    const refused = await call("/api/activities/source-order", me.key, "PUT", { sport: "jogging", providers: [] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("sport");
  });

  it("answers 404 for another person's activity and names a malformed id", async () => {
    const me = await person();
    const other = await person();
    await writeGarmin(other.user.id);
    const [theirs] = await listed(other.user.id);
    expect((await call(`/api/activities/${theirs!.id}/links`, me.key)).status).toBe(404);
    const bad = await call("/api/activities/links", me.key, "POST", { activityId: "x", otherActivityId: theirs!.id });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("activityId");
    expect(
      (await call("/api/activities/links", me.key, "POST", { activityId: theirs!.id, otherActivityId: theirs!.id }))
        .status,
    ).toBe(400);
  });
});
