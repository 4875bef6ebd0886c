import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { openTokens } from "@/lib/connections/credentials";
import { activities, syncJobs } from "@/lib/db/schema";
import { claimNextJob } from "@/lib/db/queries/sync-jobs";
import { enqueueConnectionSync } from "@/lib/jobs";
import { syntheticWorkouts } from "@/sandbox/synthetic";
import { describeEachDatabase } from "../databases";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, reloadConnection, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();

const HOST = "www.strava.com";
const expectedCount = (account: string) => syntheticWorkouts("strava", account, new Date(1000), new Date()).length;
const listCalls = () => sandbox.state.countCalls({ provider: "strava", path: "/api/v3/athlete/activities" });

describeEachDatabase("Strava sync", (database) => {
  const countActivities = async (userId: string) =>
    (await database.db.select({ n: count() }).from(activities).where(eq(activities.userId, userId)))[0]!.n;

  it("backfills every activity, then a second run writes nothing new", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-450");
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", inserted: 450, updated: 0, progressDone: 100 });
    expect(await countActivities(user.id)).toBe(450);
    expect(listCalls()).toBe(3); // 200 + 200 + 50: the fewest pages Strava allows

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await countActivities(user.id)).toBe(450);
    expect((await reloadConnection(database.db, connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("stores activities with normalized types, SI units and the provider's own type", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "athlete");
    await syncNow(database.db, connection);
    const rows = await database.db.select().from(activities).where(eq(activities.userId, user.id));
    expect(rows).toHaveLength(expectedCount("athlete"));
    const run = rows.find((row) => row.providerType === "Run")!;
    expect(run).toMatchObject({ type: "run", provider: "strava", connectionId: connection.id });
    expect(run.distanceM! / run.movingTimeS!).toBeGreaterThan(2); // m/s of a run, not km/h
    expect(new Set(rows.map((row) => row.type))).toContain("ride");
  });

  it("waits out a 429 and finishes, showing when it will continue", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-250");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/athlete/activities",
      kind: "rate_limit",
      times: 1,
      skip: 1,
      retryAfterSeconds: 3,
    });
    let statusDuringWait: string | undefined;
    const job = await syncNow(database.db, connection, {
      sleep: async (ms) => {
        if (ms < 3000) return; // request pacing, not the rate-limit wait
        statusDuringWait = (
          await database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connection.id))
        )[0]?.status;
      },
    });
    expect(statusDuringWait).toBe("waiting");
    expect(job).toMatchObject({ status: "succeeded", inserted: 250, waitingUntil: null });
    expect(await countActivities(user.id)).toBe(250);
  });

  it("reads Strava's rate-limit headers to wait until the next 15-minute window, giving the worker back meanwhile", async () => {
    const { connection } = await connectSandboxAccount(database.db, "strava", "bulk-10");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/athlete/activities",
      kind: "rate_limit",
      times: 1,
      headers: { "x-readratelimit-limit": "100,1000", "x-readratelimit-usage": "100,312" },
    });
    const { waits, sleep } = recordingSleep();
    const deferred: { until: Date; runAfter: Date; attempts: number }[] = [];
    const job = await syncNow(database.db, connection, {
      sleep,
      onWaiting: (row) => deferred.push({ until: row.waitingUntil!, runAfter: row.runAfter, attempts: row.attempts }),
    });
    expect(job).toMatchObject({ status: "succeeded", inserted: 10, attempts: 1 });
    const longWaits = waits.filter((ms) => ms >= 1000); // pacing sleeps here are fractions of a millisecond
    if (deferred.length === 0) {
      // Within seconds of the window's end the wait is short enough to sleep in place.
      expect(longWaits).toHaveLength(1);
      expect(longWaits[0]).toBeLessThanOrEqual(10_000);
      return;
    }
    // Re-queued for a second past the window's end, with no attempt spent, and no worker asleep.
    expect(deferred).toHaveLength(1);
    expect(longWaits).toHaveLength(0);
    expect((deferred[0]!.until.getTime() - 1000) % (15 * 60_000)).toBe(0);
    expect(deferred[0]).toMatchObject({ runAfter: deferred[0]!.until, attempts: 0 });
  });

  it("retries server errors and refreshes a token that expires mid-sync", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-300");
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/athlete/activities", kind: "server_error", times: 2 });
    // The provider stops accepting the access token after the first page.
    const accessToken = openTokens(connection).accessToken;
    const originalTake = sandbox.state.takeFault.bind(sandbox.state);
    let pages = 0;
    sandbox.state.takeFault = (host, path) => {
      if (path.includes("/athlete/activities") && ++pages === 4) sandbox.state.accessTokens.delete(accessToken);
      return originalTake(host, path);
    };
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", inserted: 300 });
    expect(await countActivities(user.id)).toBe(300);
    expect(sandbox.state.countCalls({ provider: "strava", grant: "refresh_token" })).toBe(1);
    expect(openTokens(await reloadConnection(database.db, connection.id)).accessToken).not.toBe(accessToken);
  });

  it("fails a malformed page with a message naming the field, keeping earlier pages whole", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-450");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/athlete/activities",
      kind: "malformed",
      times: 1,
      skip: 1,
      body: [{ id: 1, start_date: "yesterday" }],
    });
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/0\.start_date/);
    expect(await countActivities(user.id)).toBe(200);
    expect(JSON.parse((await reloadConnection(database.db, connection.id)).cursors.activities!)).toMatchObject({
      page: 2,
    });
  });

  it("resumes an interrupted backfill from the last committed page without duplicates", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-450");
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/athlete/activities",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted).toMatchObject({ status: "pending", inserted: 200 });
    const callsBefore = listCalls();
    const resumed = await syncNow(database.db, connection);
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed).toMatchObject({ status: "succeeded", inserted: 450 });
    expect(listCalls() - callsBefore).toBe(2); // pages 2 and 3 only
    expect(await countActivities(user.id)).toBe(450);
  });

  it("turns two concurrent sync requests into one job that one worker runs", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "strava", "bulk-20");
    const [first, second] = await Promise.all([
      enqueueConnectionSync(database.db, { userId: user.id, connectionId: connection.id }),
      enqueueConnectionSync(database.db, { userId: user.id, connectionId: connection.id }),
    ]);
    expect(first.job.id).toBe(second.job.id);
    expect([first.isNew, second.isNew].filter(Boolean)).toHaveLength(1);
    const claims = await Promise.all([
      claimNextJob(database.db, { connectionId: connection.id }),
      claimNextJob(database.db, { connectionId: connection.id }),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const jobs = await database.db
      .select()
      .from(syncJobs)
      .where(and(eq(syncJobs.connectionId, connection.id)));
    expect(jobs).toHaveLength(1);
  });
});
