import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { openTokens } from "@/lib/connections/credentials";
import { listOriginalFileFetches } from "@/lib/db/queries/original-file-fetches";
import { activities } from "@/lib/db/schema";
import { sniffFormat } from "@/lib/files/sniff";
import { sandboxWorkouts } from "@/sandbox/fitbit/sandbox-points";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { fileFetchesOf, keptFilesOf, readKeptFile, setUpFileStore } from "@tests/original-files";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { setUpBackfillDays, syncNow } from "@tests/sync-driver";
import { WITHOUT_LOCATION } from "./files";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import { fitbitSync } from "./sync";

// Google Health's exportExerciseTcx, end to end against the sandbox: each workout's TCX when
// the grant holds the location scope, and a word on the workout when it does not.

const sandbox = setUpSandboxServer();
const files = setUpFileStore();
setUpBackfillDays(fitbitSync, 30);

const exportCalls = () =>
  sandbox.state.countCalls({
    provider: "fitbit",
    path: "/v4/users/me/dataTypes/exercise/dataPoints/{id}:exportExerciseTcx",
  });

describeEachDatabase("Google Health workout files", (database) => {
  const connect = async (account: string, grantedScope?: string) => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, {
      userId: user.id,
      provider: "fitbit",
      account,
      grantedScope,
    });
    return { user, ...(await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN })) };
  };
  const sync = (connection: { id: string; userId: string }) =>
    syncNow(database.db, connection, { fileStore: files.store });
  const activitiesOf = (userId: string) => database.db.select().from(activities).where(eq(activities.userId, userId));

  it("stores each own workout's TCX, tied to it, and exports none of them twice", async () => {
    const { user, connection } = await connect("ada");
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    const rows = await activitiesOf(user.id);
    expect(rows.length).toBeGreaterThan(5);
    const kept = await keptFilesOf(database.db, user.id);
    expect(kept).toHaveLength(rows.length);
    expect(new Set(kept.map((file) => file.activityId))).toEqual(new Set(rows.map((row) => row.id)));
    for (const file of kept) expect(file).toMatchObject({ origin: "provider", source: "fitbit", format: "tcx" });

    const row = rows.find((candidate) => (candidate.distanceM ?? 0) > 0)!;
    const bytes = await readKeptFile(
      files.store,
      kept.find((file) => file.activityId === row.id)!,
    );
    expect(sniffFormat(bytes)).toBe("tcx");
    const tcx = new XMLParser({ ignoreAttributes: false }).parse(bytes.toString("utf8"));
    const activity = tcx.TrainingCenterDatabase.Activities.Activity;
    expect(new Date(activity.Id)).toEqual(row.startAt);
    expect(activity.Lap.DistanceMeters).toBeCloseTo(row.distanceM!, 1);
    expect(activity.Lap.Track.Trackpoint.length).toBeGreaterThan(10);

    const asked = exportCalls();
    expect(asked).toBe(rows.length);
    await sync(connection);
    expect(exportCalls()).toBe(asked);
  });

  it("keeps the workouts without their TCX when location was not granted, says why, and fetches them all once it is", async () => {
    const { user, connection } = await connect("no-location", `${SCOPES.activity} ${SCOPES.sleep}`);
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    const rows = await activitiesOf(user.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(exportCalls()).toBe(0);
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
    const fetches = await fileFetchesOf(database.db, connection.id);
    expect(fetches).toHaveLength(rows.length);
    const said = await listOriginalFileFetches(database.db, {
      userId: user.id,
      provider: "fitbit",
      activityExternalId: rows[0]!.externalId,
    });
    expect(said).toMatchObject([{ state: "withheld", format: "tcx", message: WITHOUT_LOCATION }]);

    // Connecting again with location reaches back to every workout, not only those listed again.
    const query = await authorizeAtProvider(database.db, {
      userId: user.id,
      provider: "fitbit",
      account: "no-location",
    });
    const again = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    expect(again.connection.id).toBe(connection.id);
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    expect(exportCalls()).toBe(rows.length);
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(rows.length);
  });

  it("has a sandbox that exports a TCX only as media and only with the location scope", async () => {
    const { connection } = await connect("ada", `${SCOPES.activity}`);
    const token = openTokens(connection).accessToken;
    const [workout] = sandboxWorkouts("ada", "2000-01-01", new Date().toISOString().slice(0, 10)).slice(-1);
    const url = `${sandbox.url}/health.googleapis.com/v4/users/me/dataTypes/exercise/dataPoints/${workout!.id}:exportExerciseTcx`;
    const refused = await fetch(`${url}?alt=media`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
  });
});
